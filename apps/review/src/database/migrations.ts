import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { Review1764300000000 } from './migrations/1764300000000-Review.js';
import { PaperFormClass1764310000000 } from './migrations/1764310000000-PaperFormClass.js';
import { AuditChain1764320000000 } from './migrations/1764320000000-AuditChain.js';
import { TerminationApplicant1764330000000 } from './migrations/1764330000000-TerminationApplicant.js';
import { QualificationDocumentDeletion1764340000000 } from './migrations/1764340000000-QualificationDocumentDeletion.js';

/** In the order they apply; a landed migration is never edited, a new one is appended. */
export const reviewMigrations = [
  Init1764280000000,
  Review1764300000000,
  PaperFormClass1764310000000,
  AuditChain1764320000000,
  TerminationApplicant1764330000000,
  QualificationDocumentDeletion1764340000000,
];
