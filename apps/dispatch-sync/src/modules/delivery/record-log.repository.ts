import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { DispatchRecordEntity } from './dispatch-record.entity.js';
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
    const seen = await tx.getRepository(DispatchRecordEntity).findOne({
      select: { id: true, graduateSequence: true },
      where: { id: input.recordId },
    });
    if (seen)
      return { recordId: input.recordId, graduateSequence: seen.graduateSequence, created: false };
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

const toView = (r: DispatchRecordEntity): DispatchRecordView => ({
  id: r.id,
  graduateKey: r.graduateKey,
  graduateSequence: r.graduateSequence,
  kind: r.kind,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: r.nextAttemptAt.toISOString(),
  lastError: r.lastError,
  lastResponse: r.lastResponse,
  createdAt: r.createdAt.toISOString(),
  deliveredAt: r.deliveredAt?.toISOString() ?? null,
  body: r.body,
});

/** What the backlog query answers (counts and an age, as Postgres prints numerics). */
interface BacklogRow {
  pending: string;
  delivering: string;
  dead: string;
  blocked: string;
  oldest: string | null;
}

/** Operators' side of the log: lists, replay, backlog metrics, reconciliation. */
export class RecordLogRepository {
  private readonly records: Repository<DispatchRecordEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.records = dataSource.getRepository(DispatchRecordEntity);
  }

  async listRecords(
    query: { status?: DispatchStatus; limit?: number; offset?: number } = {},
  ): Promise<{
    items: DispatchRecordView[];
    total: number;
  }> {
    const [rows, total] = await this.records.findAndCount({
      where: query.status ? { status: query.status } : {},
      order: { createdAt: 'ASC', graduateKey: 'ASC', graduateSequence: 'ASC' },
      take: Math.min(Math.max(query.limit ?? 50, 1), 500),
      skip: Math.max(query.offset ?? 0, 0),
    });
    return { items: rows.map(toView), total };
  }

  async getRecord(recordId: string): Promise<DispatchRecordView | null> {
    const row = await this.records.findOneBy({ id: recordId });
    return row ? toView(row) : null;
  }

  /**
   * DEAD → PENDING with attempts reset; the previous answer stays until the next attempt, so the
   * operator still sees why it died. `status` is the record's state before (null: no such record).
   */
  async replay(recordId: string): Promise<{ replayed: boolean; status: DispatchStatus | null }> {
    return this.dataSource.transaction(async (tx) => {
      const records = tx.getRepository(DispatchRecordEntity);
      const record = await records.findOne({
        select: { id: true, status: true },
        where: { id: recordId },
        lock: { mode: 'pessimistic_write' },
      });
      const status = record?.status ?? null;
      if (status !== 'DEAD') return { replayed: false, status };
      await records.update(
        { id: recordId },
        { status: 'PENDING', attempts: 0, nextAttemptAt: () => 'now()' },
      );
      await tx.query(`SELECT pg_notify('dispatch_' || current_schema(), '')`);
      return { replayed: true, status };
    });
  }

  async backlogMetrics(): Promise<BacklogMetrics> {
    const rows: BacklogRow[] = await this.dataSource.query(
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
    const r = rows[0];
    return {
      pending: Number(r?.pending ?? 0),
      delivering: Number(r?.delivering ?? 0),
      dead: Number(r?.dead ?? 0),
      blockedByDead: Number(r?.blocked ?? 0),
      oldestUndeliveredAgeSeconds: Math.max(0, Math.round(Number(r?.oldest ?? 0))),
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
