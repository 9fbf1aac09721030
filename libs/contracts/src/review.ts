import { z } from 'zod';
import { defineEvent } from './envelope.js';
import type { EmployerSnapshot, GraduateSnapshot } from './identity.js';
import { defineRequest } from './request.js';
import { SIGNING_METHODS, type AgreementSnapshot, type SigningMethod } from './signing.js';

/**
 * Review's decisions as signing consumes them (exactly once, through its inbox). Review owns the
 * tasks and the termination applications; signing owns the agreement's status and applies these.
 */
export const REVIEW_DECISIONS = ['APPROVE', 'REJECT'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const TERMINATION_DECISIONS = ['AGREE', 'DISAGREE'] as const;
export type TerminationDecision = (typeof TERMINATION_DECISIONS)[number];

export const deciderSchema = z.object({ userId: z.string(), role: z.string() });
export type Decider = z.infer<typeof deciderSchema>;

/** Department staff or a school admin approved or rejected (reason required to reject) a signed agreement. */
export const reviewDecided = defineEvent({
  service: 'review',
  entity: 'review',
  verb: 'decided',
  version: 1,
  payload: z
    .object({
      taskId: z.string(),
      agreementId: z.string(),
      decision: z.enum(REVIEW_DECISIONS),
      reason: z.string().nullable(),
      reviewer: deciderSchema,
      decidedAt: z.string(),
    })
    .refine((p) => p.decision === 'APPROVE' || (p.reason ?? '').trim().length > 0, {
      message: 'a rejection needs a reason',
      path: ['reason'],
    }),
});

/** A counsellor or school admin decided a termination application (解约). AGREE terminates. */
export const terminationDecided = defineEvent({
  service: 'review',
  entity: 'termination',
  verb: 'decided',
  version: 1,
  payload: z.object({
    terminationId: z.string(),
    agreementId: z.string(),
    decision: z.enum(TERMINATION_DECISIONS),
    reason: z.string().nullable(),
    decider: deciderSchema,
    decidedAt: z.string(),
    /** Who applied (added later, optional: absent means GRADUATE); identity tells an employer applicant of a disagreement. */
    applicant: z.enum(['GRADUATE', 'EMPLOYER']).optional(),
  }),
});

/* ==== Additions (issue 5): review tasks, files, qualification documents, terminations, paper forms.
 * The two events above are consumed by signing and stay as they are. */

/** Uploads (API.md): PDF, JPEG or PNG recognised by content, at most 10 MiB each. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** One NATS message holds 1 MiB (server default): files travel in parts of 512 KiB (≈ 683 KB base64). */
export const UPLOAD_PART_BYTES = 512 * 1024;
export const MAX_UPLOAD_PARTS = MAX_UPLOAD_BYTES / UPLOAD_PART_BYTES;
export const ACCEPTED_FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AcceptedFileType = (typeof ACCEPTED_FILE_TYPES)[number];

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const reasonText = z.string().trim().max(500);

/** One part of a file being uploaded (base64). Part 0 is checked at once: a non-PDF/JPEG/PNG is refused early. */
export const fileUploadPart = defineRequest<
  { uploadId: string; seq: number; data: string },
  { received: number }
>({
  service: 'review',
  kind: 'cmd',
  entity: 'file-upload',
  verb: 'part',
  version: 1,
  request: z.object({
    uploadId: z.uuid(),
    seq: z
      .number()
      .int()
      .min(0)
      .max(MAX_UPLOAD_PARTS - 1),
    data: z.base64().max(Math.ceil(UPLOAD_PART_BYTES / 3) * 4),
  }),
});

/** A file whose parts were sent with `fileUploadPart`; review re-checks size, type and hash when assembling. */
export const fileRefSchema = z.object({
  uploadId: z.uuid(),
  fileName: z.string().trim().min(1).max(255),
  parts: z.number().int().min(1).max(MAX_UPLOAD_PARTS),
  size: z.number().int().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileRef = z.infer<typeof fileRefSchema>;

export interface StoredFileView {
  id: string;
  fileName: string;
  size: number;
  contentType: AcceptedFileType;
  sha256: string;
  uploadedAt: string;
}

/** One slice of a stored file (downloads travel in parts too). */
export interface FileChunk {
  fileName: string;
  contentType: AcceptedFileType;
  size: number;
  sha256: string;
  parts: number;
  seq: number;
  data: string;
}

/* ---- Qualification documents (资质证明材料). */

export const QUALIFICATION_DOCUMENT_KINDS = [
  'BUSINESS_LICENSE',
  'ORGANIZATION_CERTIFICATE',
  'RECRUITMENT_LETTER',
  'OTHER',
] as const;
export type QualificationDocumentKind = (typeof QUALIFICATION_DOCUMENT_KINDS)[number];

export interface QualificationDocumentView extends StoredFileView {
  employerId: string;
  kind: QualificationDocumentKind;
}

export const qualificationDocumentUpload = defineRequest<
  { kind: QualificationDocumentKind; file: FileRef },
  QualificationDocumentView
>({
  service: 'review',
  kind: 'cmd',
  entity: 'qualification-document',
  verb: 'upload',
  version: 1,
  request: z.object({ kind: z.enum(QUALIFICATION_DOCUMENT_KINDS), file: fileRefSchema }),
});

/** The calling employer's own documents. */
export const qualificationDocumentsOwn = defineRequest<
  Record<string, never>,
  QualificationDocumentView[]
>({
  service: 'review',
  kind: 'qry',
  entity: 'qualification-document',
  verb: 'list-own',
  version: 1,
  request: z.object({}),
});

/** The employer's documents behind an agreement; reviewers in scope only; QR_CARD agreements have none. */
export const qualificationDocumentsOfAgreement = defineRequest<
  { agreementId: string },
  QualificationDocumentView[]
>({
  service: 'review',
  kind: 'qry',
  entity: 'qualification-document',
  verb: 'list-for-agreement',
  version: 1,
  request: z.object({ agreementId: z.uuid() }),
});

export const qualificationDocumentContent = defineRequest<
  { agreementId: string; documentId: string; seq: number },
  FileChunk
>({
  service: 'review',
  kind: 'qry',
  entity: 'qualification-document',
  verb: 'content',
  version: 1,
  request: z.object({
    agreementId: z.uuid(),
    documentId: z.uuid(),
    seq: z
      .number()
      .int()
      .min(0)
      .max(MAX_UPLOAD_PARTS - 1),
  }),
});

/** One of the calling employer's own documents, part by part (another employer's: NOT_FOUND). */
export const qualificationDocumentOwnContent = defineRequest<
  { documentId: string; seq: number },
  FileChunk
>({
  service: 'review',
  kind: 'qry',
  entity: 'qualification-document',
  verb: 'content-own',
  version: 1,
  request: z.object({
    documentId: z.uuid(),
    seq: z
      .number()
      .int()
      .min(0)
      .max(MAX_UPLOAD_PARTS - 1),
  }),
});

/**
 * The calling employer deletes one of its own documents (another employer's, or one already
 * deleted: NOT_FOUND, so ids cannot be probed). Soft: the row keeps `deleted_at` and the file for
 * an audit; from then on nobody is shown it — not the employer, not reviewers of its agreements.
 */
export const qualificationDocumentDelete = defineRequest<
  { documentId: string },
  { documentId: string; deletedAt: string }
>({
  service: 'review',
  kind: 'cmd',
  entity: 'qualification-document',
  verb: 'delete',
  version: 1,
  request: z.object({ documentId: z.uuid() }),
});

/* ---- Review tasks (审核). */

export const REVIEW_TASK_STATUSES = ['PENDING', 'APPROVED', 'REJECTED', 'CANCELLED'] as const;
export type ReviewTaskStatus = (typeof REVIEW_TASK_STATUSES)[number];

export interface ReviewTaskView {
  id: string;
  agreementId: string;
  agreementNo: string;
  graduate: GraduateSnapshot;
  employer: EmployerSnapshot;
  method: SigningMethod;
  submittedAt: string;
  status: ReviewTaskStatus;
  /** Still pending after REVIEW_OVERDUE_DAYS. */
  overdue: boolean;
  decision: {
    decision: ReviewDecision;
    reason: string | null;
    reviewer: Decider;
    decidedAt: string;
  } | null;
}

export interface ReviewTaskDetail extends ReviewTaskView {
  agreement: AgreementSnapshot;
  /** false for QR_CARD (method 3 provides no qualification documents). */
  qualificationDocumentsApplicable: boolean;
  qualificationDocuments: QualificationDocumentView[];
}

export interface ReviewTaskListQuery {
  status?: ReviewTaskStatus;
  departmentCode?: string;
  method?: SigningMethod;
  overdue?: boolean;
  q?: string;
  page: number;
  pageSize: number;
}

/** Paged, oldest first; DEPARTMENT_STAFF their department, SCHOOL_ADMIN the whole school. */
export const reviewTaskList = defineRequest<
  ReviewTaskListQuery,
  { items: ReviewTaskView[]; total: number }
>({
  service: 'review',
  kind: 'qry',
  entity: 'review-task',
  verb: 'list',
  version: 1,
  request: z.object({
    status: z.enum(REVIEW_TASK_STATUSES).optional(),
    departmentCode: z.string().min(1).max(32).optional(),
    method: z.enum(SIGNING_METHODS).optional(),
    overdue: z.boolean().optional(),
    q: z.string().trim().min(1).max(64).optional(),
    ...page,
  }),
});

export const reviewTaskGet = defineRequest<{ taskId: string }, ReviewTaskDetail>({
  service: 'review',
  kind: 'qry',
  entity: 'review-task',
  verb: 'get',
  version: 1,
  request: z.object({ taskId: z.uuid() }),
});

/** A reviewer's decision as sent (the body of `POST /agreements/{id}/review`). */
export const reviewDecisionSchema = z
  .object({ decision: z.enum(REVIEW_DECISIONS), reason: reasonText.nullish() })
  .refine((d) => d.decision === 'APPROVE' || (d.reason ?? '').length > 0, {
    message: '驳回须填写理由',
    path: ['reason'],
  });
/** Approve, or reject with a reason (VALIDATION_FAILED naming `reason`); twice → INVALID_STATE. */
export const reviewDecide = defineRequest<
  { agreementId: string; decision: ReviewDecision; reason?: string | null },
  ReviewTaskView
>({
  service: 'review',
  kind: 'cmd',
  entity: 'review',
  verb: 'decide',
  version: 1,
  request: reviewDecisionSchema.safeExtend({ agreementId: z.uuid() }),
});
