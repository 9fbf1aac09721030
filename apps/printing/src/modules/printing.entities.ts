import { IssuedPdfEntity } from './pdf-signing/issued-pdf.entity.js';
import { PdfSigningCertificateEntity } from './pdf-signing/pdf-signing-certificate.entity.js';
import { PrintHistoryEntryEntity } from './print-records/print-history-entry.entity.js';
import { PrintRecordEntity } from './print-records/print-record.entity.js';
import { VerificationKeyEntity } from './verification/verification-key.entity.js';
import { VerificationScanEntity } from './verification/verification-scan.entity.js';

/**
 * One entity per table of schema `printing` (outbox, inbox and parked events belong to
 * libs/messaging, the audit chain's heads and anchors to libs/audit-chain).
 */
export const printingEntities = [
  PrintRecordEntity,
  PrintHistoryEntryEntity,
  VerificationKeyEntity,
  VerificationScanEntity,
  PdfSigningCertificateEntity,
  IssuedPdfEntity,
];
