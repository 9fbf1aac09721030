import { ErrorCode, ServiceError, type Principal, type Role } from '@netsign/contracts';

/** The caller, or UNAUTHENTICATED: for handlers that need someone signed in. */
export function requirePrincipal(principal: Principal | null | undefined): Principal {
  if (!principal) throw new ServiceError(ErrorCode.UNAUTHENTICATED);
  return principal;
}

/** The caller if their role is one of `roles`; FORBIDDEN otherwise. */
export function requireRole(principal: Principal | null | undefined, ...roles: Role[]): Principal {
  const p = requirePrincipal(principal);
  if (!roles.includes(p.role)) throw new ServiceError(ErrorCode.FORBIDDEN);
  return p;
}

/**
 * School staff may act only inside their own school; the province everywhere. For requests naming
 * a school (its staff, roster, corrections); a graduate's or agreement's things follow the access
 * policy (access-policy.ts).
 */
export function requireSchoolScope(principal: Principal, schoolCode: string): void {
  if (principal.role === 'PROVINCE_ADMIN') return;
  if (principal.schoolCode !== schoolCode) throw new ServiceError(ErrorCode.FORBIDDEN);
}

/** The calling graduate's id (a GRADUATE token always carries it); FORBIDDEN for anyone else. */
export function requireGraduateId(principal: Principal | null | undefined): string {
  const p = requireRole(principal, 'GRADUATE');
  if (!p.graduateId) throw new ServiceError(ErrorCode.FORBIDDEN, '该账号未绑定毕业生');
  return p.graduateId;
}

/** The calling employer's id; FORBIDDEN for anyone else. */
export function requireEmployerId(principal: Principal | null | undefined): string {
  const p = requireRole(principal, 'EMPLOYER');
  if (!p.employerId) throw new ServiceError(ErrorCode.FORBIDDEN, '该账号未关联用人单位');
  return p.employerId;
}
