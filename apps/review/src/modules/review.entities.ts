import { AgreementEntity } from './agreements/agreement.entity.js';
import { StoredFileEntity } from './files/stored-file.entity.js';
import { UploadPartEntity } from './files/upload-part.entity.js';
import { PaperFormEntity } from './paper-forms/paper-form.entity.js';
import { QualificationDocumentEntity } from './qualification-documents/qualification-document.entity.js';
import { ReviewTaskEntity } from './review-tasks/review-task.entity.js';
import { TerminationMaterialEntity } from './terminations/termination-material.entity.js';
import { TerminationEntity } from './terminations/termination.entity.js';

/**
 * One entity per table of schema `review` (outbox, inbox and parked events belong to
 * libs/messaging, the audit log and its chain tables to libs/audit-chain).
 */
export const reviewEntities = [
  AgreementEntity,
  ReviewTaskEntity,
  UploadPartEntity,
  StoredFileEntity,
  QualificationDocumentEntity,
  TerminationEntity,
  TerminationMaterialEntity,
  PaperFormEntity,
];
