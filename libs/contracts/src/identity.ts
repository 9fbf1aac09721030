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

export { DESTINATIONS, type Destination } from './destinations.js';

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
  /** 生源地代码 (GB/T 2260); absent or null for records imported as free text only. */
  originRegionCode: z.string().nullable().optional(),
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

/**
 * The session version a token needs at least after a revocation (the token's `sv` claim): what
 * was revoked is a version, not "every token issued before a time". Events recorded before it
 * existed lack it; the gateway then falls back to the token's `iat` for tokens without `sv`.
 */
const sessionVersionField = z.number().int().nonnegative().optional();

/**
 * A school admin released the graduate's WeChat binding (lost phone, wrong account): sessions
 * of that binding must stop working everywhere (the gateway refuses tokens whose `sv` is below
 * `sessionVersion`); a later binding's sessions carry `sessionVersion` and work.
 */
export const graduateBindingReleased = defineEvent({
  service: 'identity',
  entity: 'graduate',
  verb: 'binding-released',
  version: 1,
  payload: z.object({
    graduateId: z.string(),
    schoolCode: z.string(),
    releasedAt: z.iso.datetime({ offset: true }),
    sessionVersion: sessionVersionField,
  }),
});

/** Why every session of an account (staff, admin, employer) ended. */
export const SESSION_REVOCATION_REASONS = [
  'DEACTIVATED',
  'PASSWORD_CHANGED',
  'SCOPE_CHANGED',
] as const;

/**
 * The sessions of a password account issued before this revocation must stop working everywhere
 * (the gateway refuses tokens whose `sv` is below `sessionVersion`): it was deactivated, its
 * password changed, or its department changed (a department staff's department travels in the
 * token).
 */
export const userSessionsRevoked = defineEvent({
  service: 'identity',
  entity: 'user',
  verb: 'sessions-revoked',
  version: 1,
  payload: z.object({
    userId: z.string(),
    reason: z.enum(SESSION_REVOCATION_REASONS),
    revokedAt: z.iso.datetime({ offset: true }),
    sessionVersion: sessionVersionField,
  }),
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
  /** 单位性质代码, GB/T 4754-2017 行业代码 (section or division), GB/T 2260 所在地代码: null or absent when registered as text only. */
  natureCode: z.string().nullable().optional(),
  industryCode: z.string().nullable().optional(),
  regionCode: z.string().nullable().optional(),
  /** Full name of regionCode (安徽省合肥市蜀山区), from the table. */
  regionName: z.string().nullable().optional(),
  hasHiringAutonomy: z.boolean(),
  contactName: z.string(),
  contactPhone: z.string(),
});
export type EmployerSnapshot = z.infer<typeof employerSnapshotSchema>;

/** An employer registered (signing keeps the employers it snapshots at signing from these). */
export const employerRegistered = defineEvent({
  service: 'identity',
  entity: 'employer',
  verb: 'registered',
  version: 1,
  payload: employerSnapshotSchema,
});

export const employerGet = defineRequest<{ employerId: string }, EmployerSnapshot>({
  service: 'identity',
  kind: 'qry',
  entity: 'employer',
  verb: 'get',
  version: 1,
  request: z.object({ employerId: z.string().min(1) }),
});

/* Identity's own edge contracts: login, WeChat, accounts (identity-auth), roster import and
   lists (identity-roster), me, source info and the inbox (identity-me). */
export * from './identity-auth.js';
export * from './identity-roster.js';
export * from './identity-me.js';
