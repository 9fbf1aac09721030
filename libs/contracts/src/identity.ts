import { z } from 'zod';
import { defineEvent } from './envelope.js';
import { defineRequest } from './request.js';

/** A public key in JWK form (Ed25519), as the gateway needs it to verify access tokens. */
export interface PublicJwk {
  kty: string;
  crv?: string;
  x?: string;
  kid?: string;
  alg?: string;
  use?: string;
}

export const authSigningKeys = defineRequest<Record<string, never>, { keys: PublicJwk[] }>({
  service: 'identity',
  kind: 'qry',
  entity: 'auth',
  verb: 'signing-keys',
  version: 1,
  request: z.object({}),
});

/* ---- Graduates (roster records, 生源信息) as other services see them: never the full ID number. */

export const DESTINATIONS = [
  'AWAITING_EMPLOYMENT',
  'SIGNED_ONLINE',
  'SIGNED_OFFLINE',
  'FURTHER_STUDY',
  'OTHER',
] as const;
export type Destination = (typeof DESTINATIONS)[number];

export const graduateSnapshotSchema = z.object({
  graduateId: z.string(),
  schoolCode: z.string(),
  schoolName: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  studentNo: z.string(),
  name: z.string(),
  gender: z.string(),
  major: z.string(),
  degree: z.string(),
  className: z.string().nullable(),
  originPlace: z.string(),
  graduationYear: z.number().int(),
  /** e.g. 340104********1234 */
  idNumberMasked: z.string(),
  sourceInfoConfirmed: z.boolean(),
});
export type GraduateSnapshot = z.infer<typeof graduateSnapshotSchema>;

/** A roster record was created or changed (import, approved correction). */
export const graduateRosterUpserted = defineEvent({
  service: 'identity',
  entity: 'graduate',
  verb: 'roster-upserted',
  version: 1,
  payload: graduateSnapshotSchema,
});

/** The graduate confirmed their source info (生源信息维护): signing may proceed. */
export const graduateSourceInfoConfirmed = defineEvent({
  service: 'identity',
  entity: 'graduate',
  verb: 'source-info-confirmed',
  version: 1,
  payload: z.object({ graduateId: z.string(), schoolCode: z.string(), confirmedAt: z.string() }),
});

/**
 * Method 2: does this identity match a roster record exactly? ROSTER_MISMATCH otherwise, never
 * saying which field. Callers: EMPLOYER (forwarded), SERVICE.
 */
export const rosterMatch = defineRequest<
  { schoolCode: string; name: string; studentNo: string; idNumber: string },
  GraduateSnapshot
>({
  service: 'identity',
  kind: 'qry',
  entity: 'roster',
  verb: 'match',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    name: z.string().min(1),
    studentNo: z.string().min(1),
    idNumber: z.string().min(15).max(18),
  }),
});

/** One graduate's snapshot (masked ID). Callers: SERVICE, staff in scope, the graduate. */
export const graduateGet = defineRequest<{ graduateId: string }, GraduateSnapshot>({
  service: 'identity',
  kind: 'qry',
  entity: 'graduate',
  verb: 'get',
  version: 1,
  request: z.object({ graduateId: z.string().min(1) }),
});

/**
 * The full national ID number, for the two places it must appear: the printed agreement and the
 * record sent to the province. Only SERVICE principals `printing` and `dispatch-sync`; audited.
 */
export const graduateIdNumber = defineRequest<
  { graduateId: string; purpose: 'PRINT' | 'DISPATCH' },
  { idNumber: string }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'graduate',
  verb: 'id-number',
  version: 1,
  request: z.object({ graduateId: z.string().min(1), purpose: z.enum(['PRINT', 'DISPATCH']) }),
});

/** Employers as other services see them (snapshotted into agreements at signing). */
export const employerSnapshotSchema = z.object({
  employerId: z.string(),
  creditCode: z.string(),
  name: z.string(),
  nature: z.string(),
  industry: z.string(),
  address: z.string(),
  hasHiringAutonomy: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
});
export type EmployerSnapshot = z.infer<typeof employerSnapshotSchema>;

export const employerGet = defineRequest<{ employerId: string }, EmployerSnapshot>({
  service: 'identity',
  kind: 'qry',
  entity: 'employer',
  verb: 'get',
  version: 1,
  request: z.object({ employerId: z.string().min(1) }),
});

/* ---- Accounts, login and WeChat (the gateway's auth, schools, employers and me areas). */

export interface AccessTokenReply {
  accessToken: string;
  expiresIn: number;
}

export const authLogin = defineRequest<{ username: string; password: string }, AccessTokenReply>({
  service: 'identity',
  kind: 'cmd',
  entity: 'auth',
  verb: 'login',
  version: 1,
  request: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
});

export const authWechatLogin = defineRequest<{ code: string }, AccessTokenReply & { bound: boolean }>({
  service: 'identity',
  kind: 'cmd',
  entity: 'auth',
  verb: 'wechat-login',
  version: 1,
  request: z.object({ code: z.string().min(1).max(256) }),
});

/** WECHAT_UNBOUND caller binds its openid to the roster record that matches exactly. */
export const authWechatBind = defineRequest<
  { schoolCode: string; name: string; studentNo: string; idNumber: string },
  AccessTokenReply & { graduate: GraduateSnapshot }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'auth',
  verb: 'wechat-bind',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1).max(32),
    name: z.string().min(1).max(64),
    studentNo: z.string().min(1).max(64),
    idNumber: z.string().min(15).max(18),
  }),
});

/** School admin (or province) releases a graduate's WeChat binding. */
export const wechatBindingRelease = defineRequest<{ schoolCode: string; graduateId: string }, { released: boolean }>({
  service: 'identity',
  kind: 'cmd',
  entity: 'wechat-binding',
  verb: 'release',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1), graduateId: z.uuid() }),
});

export const departmentSchema = z.object({ code: z.string().min(1).max(32), name: z.string().min(1).max(128) });

export const schoolCreate = defineRequest<
  { code: string; name: string; departments: Array<{ code: string; name: string }> },
  { code: string; name: string; departments: Array<{ code: string; name: string }> }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'school',
  verb: 'create',
  version: 1,
  request: z.object({
    code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/),
    name: z.string().min(1).max(128),
    departments: z.array(departmentSchema).max(500),
  }),
});

export const STAFF_ROLES = ['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'] as const;
export interface StaffAccount {
  userId: string;
  username: string;
  role: (typeof STAFF_ROLES)[number];
  schoolCode: string;
  departmentCode: string | null;
  graduateIds: string[];
  classNames: string[];
}

export const staffCreate = defineRequest<
  {
    schoolCode: string;
    username: string;
    password: string;
    role: (typeof STAFF_ROLES)[number];
    departmentCode?: string;
    graduateIds?: string[];
    classNames?: string[];
  },
  StaffAccount
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'staff',
  verb: 'create',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/),
    password: z.string().min(8).max(256),
    role: z.enum(STAFF_ROLES),
    departmentCode: z.string().min(1).optional(),
    graduateIds: z.array(z.uuid()).max(5000).optional(),
    classNames: z.array(z.string().min(1).max(64)).max(500).optional(),
  }),
});

export const employerRegister = defineRequest<
  Omit<EmployerSnapshot, 'employerId'> & { username: string; password: string },
  EmployerSnapshot & { userId: string }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'employer',
  verb: 'register',
  version: 1,
  request: z.object({
    creditCode: z.string().min(1).max(32),
    name: z.string().min(1).max(128),
    nature: z.string().min(1).max(64),
    industry: z.string().min(1).max(64),
    address: z.string().min(1).max(256),
    hasHiringAutonomy: z.boolean(),
    contactName: z.string().min(1).max(64),
    contactPhone: z.string().regex(/^[0-9+\- ]{5,20}$/),
    username: z.string().regex(/^[A-Za-z0-9_.@-]{3,64}$/),
    password: z.string().min(8).max(256),
  }),
});

/* ---- Roster (生源信息) import and lists. */

export const ROSTER_FORMATS = ['csv', 'xlsx', 'json'] as const;
export interface RosterRejection {
  /** 1-based data row (the header of a CSV/XLSX is not counted). */
  row: number;
  code: string;
  message: string;
}
export interface RosterImportResult {
  created: number;
  updated: number;
  unchanged: number;
  rejected: RosterRejection[];
}

/**
 * Imports a roster file. Files larger than one NATS message are sent first in parts
 * (`rosterUploadPart`) and imported by `uploadId`; small ones travel inline as `content`.
 */
export const rosterImport = defineRequest<
  { schoolCode: string; format: (typeof ROSTER_FORMATS)[number]; content?: string; uploadId?: string; parts?: number },
  RosterImportResult
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'roster',
  verb: 'import',
  version: 1,
  request: z
    .object({
      schoolCode: z.string().min(1),
      format: z.enum(ROSTER_FORMATS),
      content: z.base64().optional(),
      uploadId: z.uuid().optional(),
      parts: z.number().int().positive().max(64).optional(),
    })
    .refine((d) => (d.content === undefined) !== (d.uploadId === undefined), 'content or uploadId'),
});

/** One base64 part (≤ 512 KiB) of a roster file being uploaded; kept encrypted until imported. */
export const rosterUploadPart = defineRequest<
  { schoolCode: string; uploadId: string; seq: number; data: string },
  { received: number }
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'roster',
  verb: 'upload-part',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    uploadId: z.uuid(),
    seq: z.number().int().min(0).max(63),
    data: z.base64().max(700_000),
  }),
});

export interface GraduateListItem extends GraduateSnapshot {
  wechatBound: boolean;
}

export const graduatesList = defineRequest<
  { schoolCode: string; page: number; pageSize: number; departmentCode?: string; q?: string },
  { items: GraduateListItem[]; total: number; page: number; pageSize: number }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'graduate',
  verb: 'list',
  version: 1,
  request: z.object({
    schoolCode: z.string().min(1),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
    departmentCode: z.string().min(1).optional(),
    q: z.string().min(1).max(64).optional(),
  }),
});

/** Is this graduate within the calling staff member's scope (department, counsellor assignment)? */
export const graduateInScope = defineRequest<{ graduateId: string }, { inScope: boolean }>({
  service: 'identity',
  kind: 'qry',
  entity: 'graduate',
  verb: 'in-scope',
  version: 1,
  request: z.object({ graduateId: z.string().min(1) }),
});

/* ---- Me, source-info confirmation and corrections. */

export interface MeReply {
  userId: string;
  role: string;
  username?: string;
  schoolCode?: string;
  departmentCode?: string;
  employer?: EmployerSnapshot;
  graduate?: GraduateSnapshot & { sourceInfoConfirmedAt: string | null };
  openId?: string;
}

export const meGet = defineRequest<Record<string, never>, MeReply>({
  service: 'identity',
  kind: 'qry',
  entity: 'me',
  verb: 'get',
  version: 1,
  request: z.object({}),
});

export const sourceInfoConfirm = defineRequest<Record<string, never>, { graduateId: string; confirmedAt: string }>({
  service: 'identity',
  kind: 'cmd',
  entity: 'source-info',
  verb: 'confirm',
  version: 1,
  request: z.object({}),
});

/** Fields a graduate may ask to correct; the ID number is corrected by the school's re-import. */
export const correctionChangesSchema = z
  .object({
    name: z.string().min(1).max(64),
    gender: z.string().min(1).max(8),
    major: z.string().min(1).max(128),
    degree: z.string().min(1).max(64),
    className: z.string().min(1).max(64),
    originPlace: z.string().min(1).max(128),
  })
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, '至少修改一项');
export type CorrectionChanges = z.infer<typeof correctionChangesSchema>;

export interface SourceInfoCorrection {
  id: string;
  graduateId: string;
  schoolCode: string;
  studentNo: string;
  graduateName: string;
  changes: CorrectionChanges;
  reason: string;
  status: 'PENDING' | 'APPROVED' | 'REJECTED';
  requestedAt: string;
  decidedAt: string | null;
  decisionReason: string | null;
}

export const sourceInfoCorrectionRequest = defineRequest<
  { changes: CorrectionChanges; reason: string },
  SourceInfoCorrection
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'source-info-correction',
  verb: 'request',
  version: 1,
  request: z.object({ changes: correctionChangesSchema, reason: z.string().min(1).max(500) }),
});

export const sourceInfoCorrectionsList = defineRequest<
  { schoolCode: string; status?: 'PENDING' | 'APPROVED' | 'REJECTED' },
  SourceInfoCorrection[]
>({
  service: 'identity',
  kind: 'qry',
  entity: 'source-info-correction',
  verb: 'list',
  version: 1,
  request: z.object({ schoolCode: z.string().min(1), status: z.enum(['PENDING', 'APPROVED', 'REJECTED']).optional() }),
});

export const sourceInfoCorrectionDecide = defineRequest<
  { schoolCode: string; id: string; decision: 'APPROVE' | 'REJECT'; reason?: string },
  SourceInfoCorrection
>({
  service: 'identity',
  kind: 'cmd',
  entity: 'source-info-correction',
  verb: 'decide',
  version: 1,
  request: z
    .object({
      schoolCode: z.string().min(1),
      id: z.uuid(),
      decision: z.enum(['APPROVE', 'REJECT']),
      reason: z.string().min(1).max(500).optional(),
    })
    .refine((d) => d.decision === 'APPROVE' || d.reason, { message: '驳回须填写理由', path: ['reason'] }),
});

/** A correction was approved or rejected (the graduate is told; an approval also upserts the roster). */
export const sourceInfoCorrectionDecided = defineEvent({
  service: 'identity',
  entity: 'source-info-correction',
  verb: 'decided',
  version: 1,
  payload: z.object({
    correctionId: z.string(),
    graduateId: z.string(),
    schoolCode: z.string(),
    decision: z.enum(['APPROVE', 'REJECT']),
    reason: z.string().nullable(),
  }),
});

/* ---- Notification inbox. */

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export const notificationsList = defineRequest<
  { page: number; pageSize: number; unreadOnly?: boolean },
  { items: NotificationItem[]; total: number; unread: number; page: number; pageSize: number }
>({
  service: 'identity',
  kind: 'qry',
  entity: 'notification',
  verb: 'list',
  version: 1,
  request: z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    unreadOnly: z.boolean().optional(),
  }),
});

export const notificationRead = defineRequest<{ id: string }, { id: string; readAt: string }>({
  service: 'identity',
  kind: 'cmd',
  entity: 'notification',
  verb: 'read',
  version: 1,
  request: z.object({ id: z.uuid() }),
});
