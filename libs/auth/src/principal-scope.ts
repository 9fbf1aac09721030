import { ErrorCode, ServiceError, SCHOOL_STAFF_ROLES, type Principal } from '@netsign/contracts';
import { requireRole } from './authorize.js';

/** The calling graduate's id (a GRADUATE token always carries it); FORBIDDEN for anyone else. */
export function requireGraduateId(principal: Principal | null | undefined): string {
  const p = requireRole(principal, 'GRADUATE');
  if (!p.graduateId) throw new ServiceError(ErrorCode.FORBIDDEN);
  return p.graduateId;
}

/** The calling employer's id; FORBIDDEN for anyone else. */
export function requireEmployerId(principal: Principal | null | undefined): string {
  const p = requireRole(principal, 'EMPLOYER');
  if (!p.employerId) throw new ServiceError(ErrorCode.FORBIDDEN);
  return p.employerId;
}

export function isSchoolStaff(principal: Principal | null | undefined): boolean {
  return !!principal && SCHOOL_STAFF_ROLES.includes(principal.role) && !!principal.schoolCode;
}

/**
 * Whether school staff (or the province) may see a graduate of `schoolCode`/`departmentCode`
 * from the token alone. A COUNSELLOR's assignment lives in identity: for them this answers
 * 'ASK_IDENTITY' and the caller asks `graduateInScope` (identity.qry.graduate.in-scope.v1).
 */
export function staffScopeOf(
  principal: Principal,
  graduate: { schoolCode: string; departmentCode: string },
): 'IN_SCOPE' | 'OUT_OF_SCOPE' | 'ASK_IDENTITY' {
  if (principal.role === 'PROVINCE_ADMIN') return 'IN_SCOPE';
  if (!isSchoolStaff(principal) || principal.schoolCode !== graduate.schoolCode)
    return 'OUT_OF_SCOPE';
  if (principal.role === 'SCHOOL_ADMIN') return 'IN_SCOPE';
  if (principal.role === 'DEPARTMENT_STAFF') {
    return principal.departmentCode === graduate.departmentCode ? 'IN_SCOPE' : 'OUT_OF_SCOPE';
  }
  return 'ASK_IDENTITY';
}
