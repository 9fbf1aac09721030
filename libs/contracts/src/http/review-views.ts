import { z } from 'zod';
import {
  ACCEPTED_FILE_TYPES,
  QUALIFICATION_DOCUMENT_KINDS,
  REVIEW_DECISIONS,
  REVIEW_TASK_STATUSES,
  TERMINATION_DECISIONS,
  type QualificationDocumentView,
  type ReviewTaskDetail,
  type ReviewTaskView,
} from '../review.js';
import {
  PAPER_FORM_STATUSES,
  TERMINATION_APPLICANTS,
  TERMINATION_STATUSES,
  type PaperFormView,
  type TerminationView,
} from '../review-terminations.js';
import { AGREEMENT_STATUSES, SIGNING_METHODS } from '../signing.js';
import { isoDateTime, paged } from './common.js';
import { employerView, graduateView } from './identity-views.js';
import { agreementTermsView } from './signing-views.js';

/* Answers of review's routes (review tasks, qualification documents, terminations, paper forms). */

const deciderView = z.object({ userId: z.string(), role: z.string() });

export const qualificationDocumentView = z
  .object({
    id: z.string(),
    employerId: z.string(),
    kind: z.enum(QUALIFICATION_DOCUMENT_KINDS),
    fileName: z.string().meta({ example: '营业执照.pdf' }),
    size: z.number().int(),
    contentType: z.enum(ACCEPTED_FILE_TYPES),
    sha256: z.string(),
    uploadedAt: isoDateTime,
  })
  .meta({
    id: 'QualificationDocument',
    description: '用人单位资质证明材料',
  }) satisfies z.ZodType<QualificationDocumentView>;

export const reviewTaskView = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    agreementNo: z.string(),
    graduate: graduateView,
    employer: employerView,
    method: z.enum(SIGNING_METHODS),
    submittedAt: isoDateTime,
    status: z.enum(REVIEW_TASK_STATUSES),
    overdue: z.boolean().meta({ description: '待审超过规定天数' }),
    decision: z
      .object({
        decision: z.enum(REVIEW_DECISIONS),
        reason: z.string().nullable().meta({ example: '用人单位资质材料不全' }),
        reviewer: deciderView,
        decidedAt: isoDateTime,
      })
      .nullable(),
  })
  .meta({ id: 'ReviewTask', description: '协议审核任务' }) satisfies z.ZodType<ReviewTaskView>;

export const reviewTaskPageView = paged(reviewTaskView, 'ReviewTaskPage');

const agreementSnapshotView = z.object({
  agreementId: z.string(),
  agreementNo: z.string(),
  method: z.enum(SIGNING_METHODS),
  status: z.enum(AGREEMENT_STATUSES),
  graduate: graduateView,
  employer: employerView,
  position: z.object({ positionId: z.string(), title: z.string(), location: z.string() }),
  terms: agreementTermsView,
  signedAt: isoDateTime,
  version: z.number().int(),
});

export const reviewTaskDetailView = reviewTaskView
  .extend({
    agreement: agreementSnapshotView,
    qualificationDocumentsApplicable: z
      .boolean()
      .meta({ description: '二维码名片签约（方式三）无资质材料' }),
    qualificationDocuments: z.array(qualificationDocumentView),
  })
  .meta({ id: 'ReviewTaskDetail' }) satisfies z.ZodType<ReviewTaskDetail>;

export const terminationView = z
  .object({
    id: z.string(),
    agreementId: z.string(),
    agreementNo: z.string(),
    status: z.enum(TERMINATION_STATUSES),
    applicant: z.enum(TERMINATION_APPLICANTS).meta({ description: '申请方：毕业生或用人单位' }),
    reason: z.string().meta({ example: '已考取研究生，申请解约' }),
    materials: z.array(
      z.object({
        id: z.string(),
        fileName: z.string(),
        size: z.number().int(),
        contentType: z.string(),
        sha256: z.string(),
      }),
    ),
    graduate: z.object({
      graduateId: z.string(),
      name: z.string(),
      studentNo: z.string(),
      departmentCode: z.string(),
      className: z.string().nullable(),
    }),
    employerName: z.string(),
    appliedAt: isoDateTime,
    withdrawnAt: isoDateTime.nullable(),
    decision: z
      .object({
        decision: z.enum(TERMINATION_DECISIONS),
        reason: z.string().nullable(),
        decider: deciderView,
        decidedAt: isoDateTime,
      })
      .nullable(),
  })
  .meta({ id: 'Termination', description: '解约申请' }) satisfies z.ZodType<TerminationView>;

export const terminationPageView = paged(terminationView, 'TerminationPage');

export const paperFormView = z
  .object({
    id: z.string(),
    schoolCode: z.string(),
    departmentCode: z.string(),
    graduateId: z.string(),
    graduateName: z.string(),
    studentNo: z.string(),
    formNo: z.string().meta({ example: 'AH2026-000123' }),
    status: z.enum(PAPER_FORM_STATUSES),
    issuedAt: isoDateTime,
    issuedBy: deciderView,
    replacesId: z.string().nullable(),
    reissueReason: z.string().nullable().meta({ example: '原协议书遗失' }),
    collectedAt: isoDateTime.nullable(),
    agreementId: z.string().nullable(),
    voidedAt: isoDateTime.nullable(),
  })
  .meta({ id: 'PaperForm', description: '纸质协议书' }) satisfies z.ZodType<PaperFormView>;

export const paperFormPageView = paged(paperFormView, 'PaperFormPage');
