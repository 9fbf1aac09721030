import { ErrorCode, ServiceError, type Principal } from '@netsign/contracts';
import type { UserRow } from '../accounts/accounts.repository.js';

export interface GraduateScopeFacts {
  id: string;
  school_code: string;
  department_code: string;
  class_name: string | null;
}

/**
 * Who may see a graduate: the graduate, platform services, the province, the school admin, the
 * department's staff, and a counsellor assigned to the graduate or the graduate's class.
 * `counsellor` is the caller's account row, needed only for COUNSELLOR.
 */
export function canSeeGraduate(
  p: Principal,
  g: GraduateScopeFacts,
  counsellor: UserRow | null,
): boolean {
  switch (p.role) {
    case 'SERVICE':
    case 'PROVINCE_ADMIN':
      return true;
    case 'GRADUATE':
      return p.graduateId === g.id;
    case 'SCHOOL_ADMIN':
      return p.schoolCode === g.school_code;
    case 'DEPARTMENT_STAFF':
      return p.schoolCode === g.school_code && p.departmentCode === g.department_code;
    case 'COUNSELLOR':
      return (
        p.schoolCode === g.school_code &&
        counsellor !== null &&
        (counsellor.scope_graduate_ids.includes(g.id) ||
          (g.class_name !== null && counsellor.scope_class_names.includes(g.class_name)))
      );
    default:
      return false;
  }
}

export function forbidden(): ServiceError {
  return new ServiceError(ErrorCode.FORBIDDEN);
}
