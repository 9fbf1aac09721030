/** The record log's vocabulary, shared by the repository, the delivery loop and operators. */

/**
 * EMPLOYMENT: an approved agreement · TERMINATION: an approved agreement ended · DESTINATION: a
 * destination a school admin recorded without an online agreement, or an unlock back to 待就业
 * (decision 0007; off with PROVINCE_DESTINATION_RECORDS=off).
 */
export const DISPATCH_KINDS = ['EMPLOYMENT', 'TERMINATION', 'DESTINATION'] as const;
export type DispatchKind = (typeof DISPATCH_KINDS)[number];

/**
 * PENDING: to send (when due) · DELIVERING: claimed by one delivery loop, request in flight ·
 * DELIVERED: the province answered 2xx · DEAD: refused for good or out of attempts; an operator
 * replays it. A graduate's later records wait behind an undelivered one, dead ones included.
 */
export const DISPATCH_STATUSES = ['PENDING', 'DELIVERING', 'DELIVERED', 'DEAD'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];

export interface DispatchEmployer {
  name: string;
  creditCode: string;
  nature: string;
  industry: string;
  location: string;
  /** Standard codes beside the names (docs/standard-codes.md); absent when the employer has none. */
  natureCode?: string;
  industryCode?: string;
  regionCode?: string;
}

/**
 * What a record says, as stored: everything the province receives except recordId and
 * graduateSequence (columns) and idNumber (resolved from identity at send time, never stored).
 * An agreement's record (EMPLOYMENT, TERMINATION) or a destination's (DESTINATION).
 */
export type DispatchRecordContent = AgreementRecordContent | DestinationRecordContent;

export interface AgreementRecordContent {
  schoolCode: string;
  studentNo: string;
  name: string;
  agreementNo: string;
  signingMethod: string;
  employer: DispatchEmployer;
  position: string;
  superiorAuthority: string | null;
  occurredAt: string;
  /** 毕业去向代码 the record puts the graduate in; absent in records logged before issue 18. */
  destinationCode?: string;
}

/** A destination recorded by the school (no agreement): the category and its 毕业去向代码. */
export interface DestinationRecordContent {
  schoolCode: string;
  studentNo: string;
  name: string;
  /** SIGNED_OFFLINE, FURTHER_STUDY, OTHER, or AWAITING_EMPLOYMENT after an unlock. */
  destination: string;
  /** null only for OTHER recorded without a code. */
  destinationCode: string | null;
  occurredAt: string;
}

export const isDestinationContent = (c: DispatchRecordContent): c is DestinationRecordContent =>
  !('agreementNo' in c);

export interface DispatchGraduateRef {
  schoolCode: string;
  studentNo: string;
  /** Identity's graduate id: what resolveIdNumber is given at send time. */
  graduateId: string;
  name: string;
}

/** The per-graduate ordering key, as the province forms it. */
export function graduateKeyOf(graduate: { schoolCode: string; studentNo: string }): string {
  return `${graduate.schoolCode}:${graduate.studentNo}`;
}

/** What operators see of a record (no ID number: there is none to show). */
export interface DispatchRecordView {
  id: string;
  graduateKey: string;
  graduateSequence: number;
  kind: DispatchKind;
  status: DispatchStatus;
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  lastResponse: unknown;
  createdAt: string;
  deliveredAt: string | null;
  body: DispatchRecordContent;
}

export interface BacklogMetrics {
  pending: number;
  delivering: number;
  dead: number;
  /** Pending records held back because an earlier record of the same graduate is dead. */
  blockedByDead: number;
  /** Age of the oldest record not yet delivered (dead ones included); 0 when none. */
  oldestUndeliveredAgeSeconds: number;
}

/**
 * ACCEPTED_NOT_CONFIRMED: the province has records we have not seen answered yet (in flight, or
 * the answer was lost; the resend is answered 2xx) · PENDING_DELIVERY: backlog, not yet sent ·
 * MISSING_AT_PROVINCE: we saw 2xx but the province lacks them · UNKNOWN_TO_LOG: the province has
 * more than this log ever produced.
 */
export type ReconcileDifferenceKind =
  'ACCEPTED_NOT_CONFIRMED' | 'PENDING_DELIVERY' | 'MISSING_AT_PROVINCE' | 'UNKNOWN_TO_LOG';

export interface ReconcileDifference {
  graduateKey: string;
  /** Last sequence the province acknowledged (0: none). */
  acknowledged: number;
  /** Last sequence this log saw accepted. */
  delivered: number;
  /** Last sequence this log holds. */
  appended: number;
  kind: ReconcileDifferenceKind;
}

export interface ReconcileReport {
  graduatesCompared: number;
  differences: ReconcileDifference[];
  counts: Record<ReconcileDifferenceKind, number>;
}
