import { requirePrincipal, requireRole } from '@netsign/auth';
import { ErrorCode, Role, ServiceError, type Principal } from '@netsign/contracts';

/** The caller as one party of recruiting: an employer or a graduate, with its id from the token. */
export type Party =
  { kind: 'EMPLOYER'; employerId: string } | { kind: 'GRADUATE'; graduateId: string };

export function employerOf(principal: Principal | null): string {
  const p = requireRole(principal, Role.EMPLOYER);
  if (!p.employerId) throw new ServiceError(ErrorCode.FORBIDDEN, '该账号未关联用人单位');
  return p.employerId;
}

export function graduateOf(principal: Principal | null): string {
  const p = requireRole(principal, Role.GRADUATE);
  if (!p.graduateId) throw new ServiceError(ErrorCode.FORBIDDEN, '该账号未绑定毕业生');
  return p.graduateId;
}

export function partyOf(principal: Principal | null): Party {
  const p = requirePrincipal(principal);
  if (p.role === Role.EMPLOYER) return { kind: 'EMPLOYER', employerId: employerOf(p) };
  if (p.role === Role.GRADUATE) return { kind: 'GRADUATE', graduateId: graduateOf(p) };
  throw new ServiceError(ErrorCode.FORBIDDEN);
}

/** SQL condition restricting rows to the party's own (employer_id / graduate_id column). */
export function partyFilter(party: Party, params: unknown[]): string {
  if (party.kind === 'EMPLOYER') {
    params.push(party.employerId);
    return `employer_id = $${params.length}`;
  }
  params.push(party.graduateId);
  return `graduate_id = $${params.length}`;
}

export function owns(party: Party, row: { employerId: string; graduateId: string }): boolean {
  return party.kind === 'EMPLOYER'
    ? row.employerId === party.employerId
    : row.graduateId === party.graduateId;
}

export const notFound = (what: string) => new ServiceError(ErrorCode.NOT_FOUND, `${what}不存在`);
export const invalidState = (message: string) => new ServiceError(ErrorCode.INVALID_STATE, message);
