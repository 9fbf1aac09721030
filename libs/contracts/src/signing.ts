import { z } from 'zod';
import { defineEvent } from './envelope.js';
import {
  DESTINATIONS,
  employerSnapshotSchema,
  graduateSnapshotSchema,
  type Destination,
} from './identity.js';
import { actorSchema } from './principal.js';
import { defineRequest } from './request.js';

/* ---- Vocabulary of agreements (就业协议书). Published values: never renamed. */

export const SIGNING_METHODS = ['RECRUITING', 'EMPLOYER_DIRECT', 'QR_CARD'] as const;
export type SigningMethod = (typeof SIGNING_METHODS)[number];

export const AGREEMENT_STATUSES = ['PENDING_REVIEW', 'APPROVED', 'REJECTED', 'TERMINATED'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];
/** Statuses that hold the graduate: at most one such agreement per graduate. */
export const ACTIVE_AGREEMENT_STATUSES: readonly AgreementStatus[] = ['PENDING_REVIEW', 'APPROVED'];

/** 上级主管部门: where the graduate's file goes when the employer lacks hiring autonomy. */
export const SUPERIOR_AUTHORITIES = ['EMPLOYMENT_PLACE_TALENT_SERVICE', 'ORIGIN_PLACE'] as const;
export type SuperiorAuthority = (typeof SUPERIOR_AUTHORITIES)[number];

const text = (max: number) => z.string().trim().max(max);

/** Agreement terms as entered by the employer (offer, method 2, method 3). */
export const agreementTermsSchema = z.object({
  workLocation: text(200).min(1),
  /** Yuan per month, before tax. */
  monthlySalary: z.number().positive().max(1_000_000),
  probationMonths: z.number().int().min(0).max(6),
  contractYears: z.number().min(0).max(20),
  archiveTransferAddress: text(300).default(''),
  hukouTransferAddress: text(300).default(''),
  otherTerms: text(2000).default(''),
  /** Required when the employer has no hiring autonomy (checked at signing, naming this field). */
  superiorAuthority: z.enum(SUPERIOR_AUTHORITIES).nullable().default(null),
});
export type AgreementTerms = z.infer<typeof agreementTermsSchema>;

export const positionSnapshotSchema = z.object({
  positionId: z.string(),
  title: z.string(),
  location: z.string(),
});
export type PositionSnapshot = z.infer<typeof positionSnapshotSchema>;

/**
 * What an agreement says, frozen at signing (later edits of roster, employer or position never
 * change it); `status` and `version` move with the lifecycle. The graduate's ID is masked.
 */
export const agreementSnapshotSchema = z.object({
  agreementId: z.string(),
  agreementNo: z.string(),
  method: z.enum(SIGNING_METHODS),
  status: z.enum(AGREEMENT_STATUSES),
  graduate: graduateSnapshotSchema,
  employer: employerSnapshotSchema,
  position: positionSnapshotSchema,
  terms: agreementTermsSchema,
  signedAt: z.string(),
  /** 1 at signing, +1 per transition: lets consumers order and deduplicate (e.g. print job ids). */
  version: z.number().int().positive(),
});
export type AgreementSnapshot = z.infer<typeof agreementSnapshotSchema>;

export const agreementHistoryEntrySchema = z.object({
  at: z.string(),
  actor: actorSchema,
  from: z.enum(AGREEMENT_STATUSES).nullable(),
  to: z.enum(AGREEMENT_STATUSES),
  reason: z.string().nullable(),
});
export type AgreementHistoryEntry = z.infer<typeof agreementHistoryEntrySchema>;

/** The agreement as readers get it (API.md "agreement (response)"): snapshot + id + history. */
export interface AgreementView extends AgreementSnapshot {
  id: string;
  offerId: string | null;
  history: AgreementHistoryEntry[];
}

/** Answer of every signing method (API.md: 201 {agreementId, agreementNo, status, method}). */
export interface SignResult {
  agreementId: string;
  agreementNo: string;
  status: AgreementStatus;
  method: SigningMethod;
}

const reviewerSchema = z.object({ userId: z.string(), role: z.string() });

/* ---- Events (outbox → JetStream). */

/** An agreement was signed by any method: PENDING_REVIEW. Review builds its task from this. */
export const agreementSigned = defineEvent({
  service: 'signing',
  entity: 'agreement',
  verb: 'signed',
  version: 1,
  payload: z.object({
    agreement: agreementSnapshotSchema,
    /** Method 1: the signing offer accepted (recruiting marks it ACCEPTED). */
    offerId: z.string().nullable(),
    signedBy: reviewerSchema,
  }),
});

/** The school approved: printing renders, dispatch-sync records an EMPLOYMENT record. */
export const agreementApproved = defineEvent({
  service: 'signing',
  entity: 'agreement',
  verb: 'approved',
  version: 1,
  payload: z.object({
    agreement: agreementSnapshotSchema,
    taskId: z.string(),
    reviewer: reviewerSchema,
    approvedAt: z.string(),
  }),
});

export const agreementRejected = defineEvent({
  service: 'signing',
  entity: 'agreement',
  verb: 'rejected',
  version: 1,
  payload: z.object({
    agreement: agreementSnapshotSchema,
    taskId: z.string(),
    reviewer: reviewerSchema,
    reason: z.string(),
    rejectedAt: z.string(),
  }),
});

/** Terminated (解约): dispatch-sync records a TERMINATION if it had been approved. */
export const agreementTerminated = defineEvent({
  service: 'signing',
  entity: 'agreement',
  verb: 'terminated',
  version: 1,
  payload: z.object({
    agreement: agreementSnapshotSchema,
    previousStatus: z.enum(AGREEMENT_STATUSES),
    terminationId: z.string(),
    decider: reviewerSchema,
    reason: z.string(),
    terminatedAt: z.string(),
  }),
});

/** A graduate's destination (毕业去向) changed: signing, review outcome, school admin, unlock. */
export const destinationChanged = defineEvent({
  service: 'signing',
  entity: 'destination',
  verb: 'changed',
  version: 1,
  payload: z.object({
    graduateId: z.string(),
    schoolCode: z.string(),
    departmentCode: z.string(),
    from: z.enum(DESTINATIONS),
    to: z.enum(DESTINATIONS),
    reason: z.string().nullable(),
    agreementId: z.string().nullable(),
    changedAt: z.string(),
    /** 毕业去向代码 (docs/standard-codes.md); null for OTHER recorded without one, absent before issue 18. */
    destinationCode: z.string().nullable().optional(),
    /** The graduate as the province knows them (its record key); absent in events before decision 0007. */
    studentNo: z.string().optional(),
    name: z.string().optional(),
  }),
});

/* ---- Requests. */

const pageSchema = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

/** One agreement. Callers: SERVICE, its graduate, its employer, school staff in scope, province. */
export const agreementGet = defineRequest<{ agreementId: string }, AgreementView>({
  service: 'signing',
  kind: 'qry',
  entity: 'agreement',
  verb: 'get',
  version: 1,
  request: z.object({ agreementId: z.uuid() }),
});

export interface AgreementListQuery {
  status?: AgreementStatus;
  method?: SigningMethod;
  /** Agreement number, graduate's student number, or the start of the graduate's or employer's name. */
  q?: string;
  page: number;
  pageSize: number;
}
/** Agreements scoped by the caller: graduate own, employer own, staff in scope, province all. */
export const agreementList = defineRequest<
  AgreementListQuery,
  { items: AgreementView[]; total: number }
>({
  service: 'signing',
  kind: 'qry',
  entity: 'agreement',
  verb: 'list',
  version: 1,
  request: z.object({
    status: z.enum(AGREEMENT_STATUSES).optional(),
    method: z.enum(SIGNING_METHODS).optional(),
    q: z.string().trim().min(1).max(64).optional(),
    ...pageSchema,
  }),
});

/** Method 1: the graduate accepts a signing offer (read from recruiting). Caller: GRADUATE. */
export const agreementSignOffer = defineRequest<{ offerId: string }, SignResult>({
  service: 'signing',
  kind: 'cmd',
  entity: 'agreement',
  verb: 'sign-offer',
  version: 1,
  request: z.object({ offerId: z.uuid() }),
});

export const graduateIdentitySchema = z.object({
  schoolCode: z.string().trim().min(1).max(20),
  name: z.string().trim().min(1).max(50),
  studentNo: z.string().trim().min(1).max(30),
  idNumber: z.string().trim().min(15).max(18),
});

/** Method 2: the employer enters the graduate's identity. Caller: EMPLOYER. */
export const agreementSignDirect = defineRequest<
  { positionId: string; graduate: z.infer<typeof graduateIdentitySchema>; terms: AgreementTerms },
  SignResult
>({
  service: 'signing',
  kind: 'cmd',
  entity: 'agreement',
  verb: 'sign-direct',
  version: 1,
  request: z.object({
    positionId: z.uuid(),
    graduate: graduateIdentitySchema,
    terms: agreementTermsSchema,
  }),
});

export interface QrCardIssued {
  token: string;
  url: string;
  /** data:image/png;base64,... */
  qrPng: string;
  expiresAt: string;
}
/** Method 3, graduate side: a short-lived signed QR business card. Caller: GRADUATE. */
export const qrCardIssue = defineRequest<Record<string, never>, QrCardIssued>({
  service: 'signing',
  kind: 'cmd',
  entity: 'qr-card',
  verb: 'issue',
  version: 1,
  request: z.object({}),
});

/** The graduate as the scanning employer may see them (ID masked). Caller: EMPLOYER. */
export const qrCardOpen = defineRequest<
  { token: string },
  { graduate: z.infer<typeof graduateSnapshotSchema>; available: boolean; expiresAt: string }
>({
  service: 'signing',
  kind: 'qry',
  entity: 'qr-card',
  verb: 'open',
  version: 1,
  request: z.object({ token: z.string().min(1).max(512) }),
});

/** Method 3, employer side: signs from a scanned card. Caller: EMPLOYER. */
export const agreementSignQrCard = defineRequest<
  { token: string; positionId: string; terms: AgreementTerms },
  SignResult
>({
  service: 'signing',
  kind: 'cmd',
  entity: 'agreement',
  verb: 'sign-qr-card',
  version: 1,
  request: z.object({
    token: z.string().min(1).max(512),
    positionId: z.uuid(),
    terms: agreementTermsSchema,
  }),
});

export interface GraduateDestinationView {
  graduateId: string;
  schoolCode: string;
  destination: Destination;
  note: string | null;
  /** 毕业去向代码 and its name (docs/standard-codes.md); null when none is recorded. */
  destinationCode?: string | null;
  destinationName?: string | null;
  activeAgreement: { agreementId: string; agreementNo: string; status: AgreementStatus } | null;
}

/** Records a destination reached outside the platform. Caller: SCHOOL_ADMIN (own school), PROVINCE_ADMIN. */
export const destinationSet = defineRequest<
  {
    schoolCode: string;
    graduateId: string;
    destination: Destination;
    note?: string;
    destinationCode?: string;
  },
  GraduateDestinationView
>({
  service: 'signing',
  kind: 'cmd',
  entity: 'destination',
  verb: 'set',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    graduateId: z.string().min(1),
    destination: z.enum(DESTINATIONS),
    note: z.string().trim().max(500).optional(),
    /** 毕业去向代码 within the category (e.g. FURTHER_STUDY: 80 or 85); the category's default if absent. */
    destinationCode: z
      .string()
      .regex(/^\d{2}$/, '毕业去向代码应为2位数字')
      .optional()
      .meta({ description: '毕业去向代码（教育部），须属于所选去向类别', example: '85' }),
  }),
});

/** Unlock: destination back to AWAITING_EMPLOYMENT, reason required, audited. Caller: SCHOOL_ADMIN. */
export const destinationUnlock = defineRequest<
  { schoolCode: string; graduateId: string; reason: string },
  GraduateDestinationView
>({
  service: 'signing',
  kind: 'cmd',
  entity: 'destination',
  verb: 'unlock',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    graduateId: z.string().min(1),
    reason: z.string().trim().min(1).max(500),
  }),
});

/** Destinations and active agreements of some graduates (e.g. identity's roster listing). Caller: SERVICE, staff in scope. */
export const graduateDestinationList = defineRequest<
  { schoolCode: string; graduateIds: string[] },
  GraduateDestinationView[]
>({
  service: 'signing',
  kind: 'qry',
  entity: 'destination',
  verb: 'list',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1), graduateIds: z.array(z.string()).max(1000) }),
});
