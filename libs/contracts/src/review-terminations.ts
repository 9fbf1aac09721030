import { z } from 'zod';
import { defineEvent } from './envelope.js';
import { defineRequest } from './request.js';
import {
  MAX_UPLOAD_PARTS,
  TERMINATION_DECISIONS,
  fileRefSchema,
  type Decider,
  type FileChunk,
  type FileRef,
  type TerminationDecision,
} from './review.js';

/* Terminations (解约) and paper agreement forms: the rest of review's contract (see review.ts). */

const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};
const reasonText = z.string().trim().max(500);

/* ---- Terminations (解约). */

export const TERMINATION_STATUSES = [
  'PENDING',
  'AGREED',
  'DISAGREED',
  'WITHDRAWN',
  'CLOSED',
] as const;
export type TerminationStatus = (typeof TERMINATION_STATUSES)[number];
/** Which party of the agreement applied: the graduate, or the employer (as the national 24365 platform allows). */
export const TERMINATION_APPLICANTS = ['GRADUATE', 'EMPLOYER'] as const;
export type TerminationApplicant = (typeof TERMINATION_APPLICANTS)[number];

export interface TerminationView {
  id: string;
  agreementId: string;
  agreementNo: string;
  status: TerminationStatus;
  applicant: TerminationApplicant;
  reason: string;
  materials: Array<{
    id: string;
    fileName: string;
    size: number;
    contentType: string;
    sha256: string;
  }>;
  graduate: {
    graduateId: string;
    name: string;
    studentNo: string;
    departmentCode: string;
    className: string | null;
  };
  employerName: string;
  appliedAt: string;
  withdrawnAt: string | null;
  decision: {
    decision: TerminationDecision;
    reason: string | null;
    decider: Decider;
    decidedAt: string;
  } | null;
}

export const terminationApply = defineRequest<
  { agreementId: string; reason: string; materials: FileRef[] },
  TerminationView
>({
  service: 'review',
  kind: 'cmd',
  entity: 'termination',
  verb: 'apply',
  version: 1,
  request: z.object({
    agreementId: z.uuid(),
    reason: reasonText.min(1),
    materials: z.array(fileRefSchema).min(1).max(10),
  }),
});

export const terminationWithdraw = defineRequest<{ terminationId: string }, TerminationView>({
  service: 'review',
  kind: 'cmd',
  entity: 'termination',
  verb: 'withdraw',
  version: 1,
  request: z.object({ terminationId: z.uuid() }),
});

/** Graduate: own; EMPLOYER: its agreements'; COUNSELLOR: assigned graduates (identity decides); SCHOOL_ADMIN: the school. Oldest first. */
export const terminationList = defineRequest<
  { status?: TerminationStatus; agreementId?: string; page: number; pageSize: number },
  { items: TerminationView[]; total: number }
>({
  service: 'review',
  kind: 'qry',
  entity: 'termination',
  verb: 'list',
  version: 1,
  request: z.object({
    status: z.enum(TERMINATION_STATUSES).optional(),
    agreementId: z.uuid().optional(),
    ...page,
  }),
});

export const terminationGet = defineRequest<{ terminationId: string }, TerminationView>({
  service: 'review',
  kind: 'qry',
  entity: 'termination',
  verb: 'get',
  version: 1,
  request: z.object({ terminationId: z.uuid() }),
});

/** A counsellor's or school admin's decision as sent (the body of `POST /terminations/{id}/decision`). */
export const terminationDecisionSchema = z
  .object({ decision: z.enum(TERMINATION_DECISIONS), reason: reasonText.nullish() })
  .refine((d) => d.decision === 'AGREE' || (d.reason ?? '').length > 0, {
    message: '不同意解约须填写理由',
    path: ['reason'],
  });
export const terminationDecide = defineRequest<
  { terminationId: string; decision: TerminationDecision; reason?: string | null },
  TerminationView
>({
  service: 'review',
  kind: 'cmd',
  entity: 'termination',
  verb: 'decide',
  version: 1,
  request: terminationDecisionSchema.safeExtend({ terminationId: z.uuid() }),
});

export const terminationMaterialContent = defineRequest<
  { terminationId: string; materialId: string; seq: number },
  FileChunk
>({
  service: 'review',
  kind: 'qry',
  entity: 'termination',
  verb: 'material-content',
  version: 1,
  request: z.object({
    terminationId: z.uuid(),
    materialId: z.uuid(),
    seq: z
      .number()
      .int()
      .min(0)
      .max(MAX_UPLOAD_PARTS - 1),
  }),
});

/**
 * A party applied to terminate (counsellors' inboxes consume it; the graduate is told when the
 * employer applied). `applicant` was added later, optional: absent means GRADUATE.
 */
export const terminationApplied = defineEvent({
  service: 'review',
  entity: 'termination',
  verb: 'applied',
  version: 1,
  payload: z.object({
    terminationId: z.string(),
    agreementId: z.string(),
    graduateId: z.string(),
    schoolCode: z.string(),
    appliedAt: z.string(),
    applicant: z.enum(TERMINATION_APPLICANTS).optional(),
  }),
});

/* ---- Paper agreement forms (纸质协议书): each graduate holds at most one. */

export const PAPER_FORM_STATUSES = ['ISSUED', 'COLLECTED', 'VOIDED'] as const;
export type PaperFormStatus = (typeof PAPER_FORM_STATUSES)[number];

export interface PaperFormView {
  id: string;
  schoolCode: string;
  departmentCode: string;
  graduateId: string;
  graduateName: string;
  studentNo: string;
  formNo: string;
  status: PaperFormStatus;
  issuedAt: string;
  issuedBy: Decider;
  replacesId: string | null;
  reissueReason: string | null;
  collectedAt: string | null;
  agreementId: string | null;
  voidedAt: string | null;
}

const formNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{1,40}$/);

export const paperFormIssue = defineRequest<
  { schoolCode: string; graduateId: string; formNo: string },
  PaperFormView
>({
  service: 'review',
  kind: 'cmd',
  entity: 'paper-form',
  verb: 'issue',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1), graduateId: z.string().min(1), formNo }),
});

/** Voids the form the graduate holds (if any) and issues another; the reason is required. */
export const paperFormReissue = defineRequest<
  { schoolCode: string; graduateId: string; formNo: string; reason: string },
  PaperFormView
>({
  service: 'review',
  kind: 'cmd',
  entity: 'paper-form',
  verb: 'reissue',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    graduateId: z.string().min(1),
    formNo,
    reason: reasonText.min(1),
  }),
});

export const paperFormList = defineRequest<
  {
    schoolCode: string;
    status?: PaperFormStatus;
    graduateId?: string;
    departmentCode?: string;
    page: number;
    pageSize: number;
  },
  { items: PaperFormView[]; total: number }
>({
  service: 'review',
  kind: 'qry',
  entity: 'paper-form',
  verb: 'list',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    status: z.enum(PAPER_FORM_STATUSES).optional(),
    graduateId: z.string().min(1).optional(),
    departmentCode: z.string().min(1).optional(),
    ...page,
  }),
});
