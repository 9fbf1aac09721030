import type { Assignment, GraduateResource } from '@netsign/auth';
import { ErrorCode, Role, ServiceError } from '@netsign/contracts';
import type { UserEntity } from '../accounts/user.entity.js';
import type { GraduateEntity } from './graduate.entity.js';

export type GraduateScopeFacts = Pick<
  GraduateEntity,
  'id' | 'schoolCode' | 'departmentCode' | 'className'
>;

/** A roster row as the access policy (libs/auth) sees it. */
export function graduateResource(g: GraduateScopeFacts): GraduateResource {
  return {
    graduate: {
      graduateId: g.id,
      schoolCode: g.schoolCode,
      departmentCode: g.departmentCode,
      className: g.className,
    },
  };
}

/**
 * The roster in the access policy's terms (`g` is the graduates table). The id is a uuid, the
 * policy's ids are text: compared as text.
 */
export const GRADUATE_SCOPE_COLUMNS = {
  graduateId: 'g.id::text',
  schoolCode: 'g.school_code',
  departmentCode: 'g.department_code',
  className: 'g.class_name',
};

/**
 * Whom a counsellor account is responsible for, as the policy needs it; null for any other account,
 * one without a school, or a deactivated one (responsible for no one, even before the gateway ends
 * its sessions).
 */
export function assignmentOf(user: UserEntity | null): Assignment | null {
  if (!user || user.role !== Role.COUNSELLOR || !user.schoolCode || user.deactivatedAt) return null;
  return {
    schoolCode: user.schoolCode,
    graduateIds: user.scopeGraduateIds ?? [],
    classNames: user.scopeClassNames ?? [],
  };
}

export function forbidden(): ServiceError {
  return new ServiceError(ErrorCode.FORBIDDEN);
}
