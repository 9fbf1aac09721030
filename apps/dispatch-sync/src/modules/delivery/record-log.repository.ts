import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import {
  graduateKeyOf,
  type BacklogMetrics,
  type DispatchEmployer,
  type DispatchGraduateRef,
  type DispatchKind,
  type AgreementRecordContent,
  type DispatchRecordContent,
  type DispatchRecordView,
  type DispatchStatus,
  type ReconcileDifference,
  type ReconcileDifferenceKind,
  type ReconcileReport,
} from './dispatch-record.js';

export type AppendRecordInput = AgreementRecordInput | DestinationRecordInput;

interface RecordInputBase {
  /** Give one derived from the source event to make a repeated append a no-op. */
  recordId?: string;
  graduate: DispatchGraduateRef;
  occurredAt: string | Date;
}

export interface DestinationRecordInput extends RecordInputBase {
  kind: 'DESTINATION';
  destination: string;
  destinationCode: string | null;
}

export interface AgreementRecordInput extends RecordInputBase {
  kind: Exclude<DispatchKind, 'DESTINATION'>;
  agreementNo: string;
  /** Required for EMPLOYMENT; a TERMINATION without them copies the agreement's EMPLOYMENT record. */
  signingMethod?: string;
  employer?: DispatchEmployer;
  position?: string;
  superiorAuthority?: string | null;
  /** 毕业去向代码 (EMPLOYMENT: agreement form; TERMINATION: awaiting employment). */
  destinationCode?: string;
}

export interface AppendedRecord {
  recordId: string;
  graduateSequence: number;
  /** false when the recordId was already in the log (nothing written). */
  created: boolean;
}

/** Namespace of the per-graduate append lock (pg_advisory_xact_lock(ns, hashtext(key))). */
const APPEND_LOCK_NS = 0x44535041; // 'DSPA'

/**
 * Appends a record inside the caller's transaction, so it exists if and only if the caller's
 * effect commits (e.g. with the inbox row of the approval event it comes from). The sequence is
 * last + 1 for the graduate: a transaction-scoped lock per graduate serialises appends until
 * commit, so two appends never read the same "last" and a rollback leaves no gap. The unique
 * (graduate_key, graduate_sequence) is the backstop. Wakes the delivery loops on commit.
 */
export async function appendRecord(
  tx: EntityManager,
  input: AppendRecordInput,
): Promise<AppendedRecord> {
  if (!tx.queryRunner?.isTransactionActive)
    throw new Error('appendRecord must run inside a transaction');
  const graduateKey = graduateKeyOf(input.graduate);
  await tx.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [APPEND_LOCK_NS, graduateKey]);
  if (input.recordId) {
    const seen: Array<{ graduate_sequence: number }> = await tx.query(
      `SELECT graduate_sequence FROM dispatch_records WHERE id = $1`,
      [input.recordId],
    );
    if (seen[0])
      return {
        recordId: input.recordId,
        graduateSequence: seen[0].graduate_sequence,
        created: false,
      };
  }
  const content = await contentOf(tx, graduateKey, input);
  const recordId = input.recordId ?? randomUUID();
  const rows: Array<{ graduate_sequence: number }> = await tx.query(
    `INSERT INTO dispatch_records (id, graduate_key, graduate_id, graduate_sequence, kind, body)
     SELECT $1::uuid, $2::text, $3::text, coalesce(max(graduate_sequence), 0) + 1, $4::text, $5::jsonb
       FROM dispatch_records WHERE graduate_key = $2
     RETURNING graduate_sequence`,
    [recordId, graduateKey, input.graduate.graduateId, input.kind, JSON.stringify(content)],
  );
  await tx.query(`SELECT pg_notify('dispatch_' || current_schema(), '')`);
  return { recordId, graduateSequence: rows[0]!.graduate_sequence, created: true };
}

/** Builds the stored body field by field, so nothing else (an idNumber above all) slips in. */
async function contentOf(
  tx: EntityManager,
  graduateKey: string,
  input: AppendRecordInput,
): Promise<DispatchRecordContent> {
  if (input.kind === 'DESTINATION') {
    const { graduate } = input;
    return {
      schoolCode: graduate.schoolCode,
      studentNo: graduate.studentNo,
      name: graduate.name,
      destination: input.destination,
      destinationCode: input.destinationCode,
      occurredAt: new Date(input.occurredAt).toISOString(),
    };
  }
  let { signingMethod, employer, position, superiorAuthority } = input;
  if ((!signingMethod || !employer || !position) && input.kind === 'TERMINATION') {
    const rows: Array<{ body: AgreementRecordContent }> = await tx.query(
      `SELECT body FROM dispatch_records
        WHERE graduate_key = $1 AND kind = 'EMPLOYMENT' AND body->>'agreementNo' = $2
        ORDER BY graduate_sequence DESC LIMIT 1`,
      [graduateKey, input.agreementNo],
    );
    const employment = rows[0]?.body;
    signingMethod ??= employment?.signingMethod;
    employer ??= employment?.employer;
    position ??= employment?.position;
    if (superiorAuthority === undefined) superiorAuthority = employment?.superiorAuthority;
  }
  if (!signingMethod || !employer || !position) {
    throw new Error(
      `dispatch record for agreement ${input.agreementNo}: signingMethod, employer and position are required`,
    );
  }
  const { graduate } = input;
  return {
    schoolCode: graduate.schoolCode,
    studentNo: graduate.studentNo,
    name: graduate.name,
    agreementNo: input.agreementNo,
    signingMethod,
    employer: {
      name: employer.name,
      creditCode: employer.creditCode,
      nature: employer.nature,
      industry: employer.industry,
      location: employer.location,
      ...codesOf(employer),
    },
    position,
    superiorAuthority: superiorAuthority ?? null,
    occurredAt: new Date(input.occurredAt).toISOString(),
    ...(input.destinationCode ? { destinationCode: input.destinationCode } : {}),
  };
}

/** Only the codes the employer has: a record without them keeps exactly its old shape. */
function codesOf(
  e: DispatchEmployer,
): Pick<DispatchEmployer, 'natureCode' | 'industryCode' | 'regionCode'> {
  return {
    ...(e.natureCode ? { natureCode: e.natureCode } : {}),
    ...(e.industryCode ? { industryCode: e.industryCode } : {}),
    ...(e.regionCode ? { regionCode: e.regionCode } : {}),
  };
}

interface RecordRow {
  id: string;
  graduate_key: string;
  graduate_sequence: number;
  kind: DispatchKind;
  status: DispatchStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  last_response: unknown;
  created_at: Date;
  delivered_at: Date | null;
  body: DispatchRecordContent;
}

const toView = (r: RecordRow): DispatchRecordView => ({
  id: r.id,
  graduateKey: r.graduate_key,
  graduateSequence: r.graduate_sequence,
  kind: r.kind,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at.toISOString(),
  lastError: r.last_error,
  lastResponse: r.last_response,
  createdAt: r.created_at.toISOString(),
  deliveredAt: r.delivered_at?.toISOString() ?? null,
  body: r.body,
});

/** Operators' side of the log: lists, replay, backlog metrics, reconciliation. */
export class RecordLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async listRecords(
    query: { status?: DispatchStatus; limit?: number; offset?: number } = {},
  ): Promise<{
    items: DispatchRecordView[];
    total: number;
  }> {
    const status = query.status ?? null;
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const offset = Math.max(query.offset ?? 0, 0);
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT id, graduate_key, graduate_sequence, kind, status, attempts, next_attempt_at, last_error,
              last_response, created_at, delivered_at, body
         FROM dispatch_records WHERE ($1::text IS NULL OR status = $1)
        ORDER BY created_at, graduate_key, graduate_sequence LIMIT $2 OFFSET $3`,
      [status, limit, offset],
    );
    const count: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM dispatch_records WHERE ($1::text IS NULL OR status = $1)`,
      [status],
    );
    return { items: rows.map(toView), total: Number(count[0]?.n ?? 0) };
  }

  async getRecord(recordId: string): Promise<DispatchRecordView | null> {
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT id, graduate_key, graduate_sequence, kind, status, attempts, next_attempt_at, last_error,
              last_response, created_at, delivered_at, body
         FROM dispatch_records WHERE id = $1`,
      [recordId],
    );
    return rows[0] ? toView(rows[0]) : null;
  }

  /**
   * DEAD → PENDING with attempts reset; the previous answer stays until the next attempt, so the
   * operator still sees why it died. `status` is the record's state before (null: no such record).
   */
  async replay(recordId: string): Promise<{ replayed: boolean; status: DispatchStatus | null }> {
    return this.dataSource.transaction(async (tx) => {
      const rows: Array<{ status: DispatchStatus }> = await tx.query(
        `SELECT status FROM dispatch_records WHERE id = $1 FOR UPDATE`,
        [recordId],
      );
      const status = rows[0]?.status ?? null;
      if (status !== 'DEAD') return { replayed: false, status };
      await tx.query(
        `UPDATE dispatch_records SET status = 'PENDING', attempts = 0, next_attempt_at = now() WHERE id = $1`,
        [recordId],
      );
      await tx.query(`SELECT pg_notify('dispatch_' || current_schema(), '')`);
      return { replayed: true, status };
    });
  }

  async backlogMetrics(): Promise<BacklogMetrics> {
    const rows: Array<Record<string, string | null>> = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,
              count(*) FILTER (WHERE status = 'DELIVERING') AS delivering,
              count(*) FILTER (WHERE status = 'DEAD') AS dead,
              count(*) FILTER (WHERE status = 'PENDING' AND EXISTS (
                SELECT 1 FROM dispatch_records d
                 WHERE d.graduate_key = r.graduate_key AND d.status = 'DEAD'
                   AND d.graduate_sequence < r.graduate_sequence)) AS blocked,
              coalesce(extract(epoch FROM now() - min(created_at)), 0) AS oldest
         FROM dispatch_records r WHERE status IN ('PENDING', 'DELIVERING', 'DEAD')`,
    );
    const r = rows[0] ?? {};
    return {
      pending: Number(r['pending'] ?? 0),
      delivering: Number(r['delivering'] ?? 0),
      dead: Number(r['dead'] ?? 0),
      blockedByDead: Number(r['blocked'] ?? 0),
      oldestUndeliveredAgeSeconds: Math.max(0, Math.round(Number(r['oldest'] ?? 0))),
    };
  }

  /**
   * Compares the province's last acknowledged sequence per graduate with this log and lists every
   * graduate where they differ (one query: the log side is aggregated in Postgres).
   */
  async reconcile(acknowledged: Map<string, number>): Promise<ReconcileReport> {
    const keys = [...acknowledged.keys()];
    const rows: Array<{
      graduate_key: string;
      acknowledged: number;
      delivered: number;
      appended: number;
    }> = await this.dataSource.query(
      `WITH province AS (SELECT * FROM unnest($1::text[], $2::int[]) AS p(graduate_key, last_sequence)),
              log AS (SELECT graduate_key, max(graduate_sequence) AS appended,
                             coalesce(max(graduate_sequence) FILTER (WHERE status = 'DELIVERED'), 0) AS delivered
                        FROM dispatch_records GROUP BY graduate_key),
              compared AS (
                SELECT coalesce(l.graduate_key, p.graduate_key) AS graduate_key,
                       coalesce(p.last_sequence, 0) AS acknowledged,
                       coalesce(l.delivered, 0) AS delivered, coalesce(l.appended, 0) AS appended
                  FROM log l FULL JOIN province p ON p.graduate_key = l.graduate_key)
         SELECT * FROM compared WHERE acknowledged <> appended OR acknowledged <> delivered ORDER BY graduate_key`,
      [keys, keys.map((k) => acknowledged.get(k) ?? 0)],
    );
    const counts: Record<ReconcileDifferenceKind, number> = {
      ACCEPTED_NOT_CONFIRMED: 0,
      PENDING_DELIVERY: 0,
      MISSING_AT_PROVINCE: 0,
      UNKNOWN_TO_LOG: 0,
    };
    const differences = rows.map((r): ReconcileDifference => {
      const kind: ReconcileDifferenceKind =
        r.acknowledged > r.appended
          ? 'UNKNOWN_TO_LOG'
          : r.acknowledged < r.delivered
            ? 'MISSING_AT_PROVINCE'
            : r.acknowledged > r.delivered
              ? 'ACCEPTED_NOT_CONFIRMED'
              : 'PENDING_DELIVERY';
      counts[kind]++;
      return {
        graduateKey: r.graduate_key,
        acknowledged: r.acknowledged,
        delivered: r.delivered,
        appended: r.appended,
        kind,
      };
    });
    const total: Array<{ n: string }> = await this.dataSource.query(
      `SELECT count(*) AS n FROM (SELECT graduate_key FROM dispatch_records UNION SELECT unnest($1::text[])) k`,
      [keys],
    );
    return { graduatesCompared: Number(total[0]?.n ?? 0), differences, counts };
  }
}
