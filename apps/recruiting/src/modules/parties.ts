import { scopeOf, scopeSql, type Reach } from '@netsign/auth';
import { ErrorCode, ServiceError, type Principal } from '@netsign/contracts';

/**
 * The caller's own applications, invitations and offers, by the access policy of libs/auth
 * (`recruitment.list`): a graduate's or an employer's, from the token; anyone else is FORBIDDEN.
 */
export function partyScopeOf(principal: Principal | null): Reach {
  return scopeOf(principal, 'recruitment', 'list');
}

/** SQL condition restricting rows to the party's own; `alias` names the table (`a`, `i`). */
export function partyFilter(reach: Reach, params: unknown[], alias?: string): string {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  return scopeSql(
    reach,
    { graduateId: column('graduate_id'), employerId: column('employer_id') },
    params,
  );
}

/** A row of recruiting as the access policy sees it: its two parties. */
export function recruitmentResource(row: { employerId: string; graduateId: string }) {
  return { graduate: { graduateId: row.graduateId }, employerId: row.employerId };
}

export const notFound = (what: string) => new ServiceError(ErrorCode.NOT_FOUND, `${what}不存在`);
export const invalidState = (message: string) => new ServiceError(ErrorCode.INVALID_STATE, message);
