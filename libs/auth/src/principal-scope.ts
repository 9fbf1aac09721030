import {
  ErrorCode,
  ServiceError,
  SCHOOL_STAFF_ROLES,
  type CounsellorAssignment,
  type Principal,
} from '@netsign/contracts';
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
 * 'ASK_IDENTITY' and the caller asks `graduateInScope` (identity.qry.graduate.in-scope.v1) for one
 * graduate, or `counsellorAssignment` (identity.qry.counsellor.assignment.v1) once for a list and
 * then filters with `assignmentCovers` (or the same predicate in SQL).
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

/**
 * Whether a counsellor's assignment covers a graduate: same school, and the graduate assigned by
 * id or their class assigned by name. `className` is the class the caller's own record holds (an
 * agreement's frozen snapshot, a projection), so a list filtered in SQL and a single read agree.
 */
export function assignmentCovers(
  assignment: Pick<CounsellorAssignment, 'schoolCode' | 'graduateIds' | 'classNames'>,
  graduate: { schoolCode: string; graduateId: string; className: string | null },
): boolean {
  if (assignment.schoolCode !== graduate.schoolCode) return false;
  if (assignment.graduateIds.includes(graduate.graduateId)) return true;
  return graduate.className !== null && assignment.classNames.includes(graduate.className);
}
