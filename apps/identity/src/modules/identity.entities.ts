import { DepartmentEntity } from './accounts/department.entity.js';
import { EmployerEntity } from './accounts/employer.entity.js';
import { SchoolEntity } from './accounts/school.entity.js';
import { UserEntity } from './accounts/user.entity.js';
import { SigningKeyEntity } from './auth/signing-key.entity.js';
import { AgreementPartyEntity } from './notifications/agreement-party.entity.js';
import { NotificationEntity } from './notifications/notification.entity.js';
import { GraduateEntity } from './roster/graduate.entity.js';
import { RosterUploadPartEntity } from './roster/roster-upload-part.entity.js';
import { SourceInfoCorrectionEntity } from './source-info/source-info-correction.entity.js';

/**
 * One entity per table of schema `identity` (outbox and inbox belong to libs/messaging, the audit
 * log and its chain tables to libs/audit-chain).
 */
export const identityEntities = [
  SigningKeyEntity,
  SchoolEntity,
  DepartmentEntity,
  EmployerEntity,
  UserEntity,
  GraduateEntity,
  SourceInfoCorrectionEntity,
  RosterUploadPartEntity,
  NotificationEntity,
  AgreementPartyEntity,
];
