import pg from 'pg';
import { quoteIdent } from '@netsign/persistence';
import type { DispatchKind, DispatchRecordContent, DispatchStatus } from './dispatch-record.js';
import type { DispatchRecordEntity } from './dispatch-record.entity.js';

export interface ClaimedRecord {
  id: string;
  graduateId: string;
  graduateKey: string;
  graduateSequence: number;
  kind: DispatchKind;
  body: DispatchRecordContent;
  /** Attempts including this one. */
  attempts: number;
  /** Fences the outcome: only the holder of the current claim may record it. */
  claimToken: string;
}

export interface AttemptOutcome {
  id: string;
  claimToken: string;
  status: Exclude<DispatchStatus, 'DELIVERING'>;
  delayMs: number;
  error: string | null;
  response: unknown;
}

/** The columns of `dispatch_records` (DispatchRecordEntity) a claim returns, as pg answers them. */
interface ClaimedRow {
  id: DispatchRecordEntity['id'];
  graduate_id: DispatchRecordEntity['graduateId'];
  graduate_key: DispatchRecordEntity['graduateKey'];
  graduate_sequence: DispatchRecordEntity['graduateSequence'];
  kind: DispatchRecordEntity['kind'];
  body: DispatchRecordEntity['body'];
  attempts: DispatchRecordEntity['attempts'];
  /** Never null in a claim's answer (the claim sets it). */
  claim_token: string;
}

/** Namespace of the advisory locks by which delivery loops show they are alive. */
export const OWNER_LOCK_NS = 0x44535043; // 'DSPC'

/**
 * A graduate's head: its lowest record not yet delivered. Only heads are sent, so record n+1
 * leaves only after n was accepted; a dead head holds the graduate's later records back.
 */
const IS_HEAD = `NOT EXISTS (
  SELECT 1 FROM dispatch_records p
   WHERE p.graduate_key = r.graduate_key AND p.graduate_sequence < r.graduate_sequence
     AND p.status <> 'DELIVERED')`;

/** Owners whose loop still holds its lock (pg_advisory_lock(ns, key) shows as classid/objid). */
const LIVE_OWNERS = `live_owners AS (
  SELECT objid::bigint AS owner FROM pg_locks
   WHERE locktype = 'advisory' AND granted AND classid = ${OWNER_LOCK_NS}::oid AND objsubid = 2
     AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))`;
const OWNER_GONE = `r.claimed_by NOT IN (SELECT owner FROM live_owners)`;

/**
 * The delivery loop's SQL, on the loop's own small pool: named statements (planned once per
 * connection; planning costs more than running these) and no lock held while a request is out.
 */
export class DeliveryClaims {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * `synchronous_commit = off` is safe for these statements (and only these): n+1 is sent only
   * after the province accepted n, so a bookkeeping write lost in a database crash can cause a
   * resend (absorbed by the province's idempotency), never a reordering.
   */
  static open(
    databaseUrl: string,
    schema: string,
    onIdleError: (err: Error) => void,
  ): DeliveryClaims {
    const pool = new pg.Pool({
      connectionString: databaseUrl,
      max: 3,
      application_name: `${schema}-dispatch-delivery`,
      options: `-c search_path=${quoteIdent(schema)},public -c synchronous_commit=off`,
    });
    pool.on('error', onIdleError);
    return new DeliveryClaims(pool);
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  /**
   * Claims up to `limit` due PENDING heads for the loop whose owner lock is `owner`. SKIP LOCKED
   * lets replicas claim side by side without waiting on each other.
   */
  async claim(limit: number, owner: number, leaseMs: number): Promise<ClaimedRecord[]> {
    const { rows } = await this.pool.query<ClaimedRow>({
      name: 'dispatch-claim',
      text: `WITH due AS (
         SELECT r.id FROM dispatch_records r
          WHERE r.status = 'PENDING' AND r.next_attempt_at <= now() AND ${IS_HEAD}
          ORDER BY r.next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED)
       UPDATE dispatch_records r
          SET status = 'DELIVERING', attempts = r.attempts + 1, claim_token = gen_random_uuid(),
              claimed_by = $2, lease_until = now() + $3 * interval '1 millisecond'
         FROM due WHERE r.id = due.id
       RETURNING r.id, r.graduate_id, r.graduate_key, r.graduate_sequence, r.kind, r.body, r.attempts,
                 r.claim_token`,
      values: [limit, owner, leaseMs],
    });
    return rows.map((r) => ({
      id: r.id,
      graduateId: r.graduate_id,
      graduateKey: r.graduate_key,
      graduateSequence: r.graduate_sequence,
      kind: r.kind,
      body: r.body,
      attempts: r.attempts,
      claimToken: r.claim_token,
    }));
  }

  /**
   * Returns orphaned claims to PENDING: those whose lease ran out, or whose owner's lock is gone
   * (that loop's process or connection died), so a crash delays nothing beyond the next wake-up.
   * The attempt the dead loop made stays counted.
   */
  async reapOrphans(): Promise<number> {
    const result = await this.pool.query({
      name: 'dispatch-reap',
      text: `WITH ${LIVE_OWNERS}
       UPDATE dispatch_records r
          SET status = 'PENDING', next_attempt_at = now(), claim_token = NULL, claimed_by = NULL, lease_until = NULL
        WHERE r.status = 'DELIVERING' AND (r.lease_until < now() OR ${OWNER_GONE})`,
    });
    return result.rowCount ?? 0;
  }

  /** Gives back records this loop claimed but will not send (it is stopping); the attempt is not counted. */
  async release(records: ClaimedRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.pool.query(
      `UPDATE dispatch_records
          SET status = 'PENDING', attempts = attempts - 1, claim_token = NULL, claimed_by = NULL, lease_until = NULL
        WHERE id = ANY($1::uuid[]) AND claim_token = ANY($2::uuid[]) AND status = 'DELIVERING'`,
      [records.map((r) => r.id), records.map((r) => r.claimToken)],
    );
  }

  /**
   * Records many outcomes in one statement (outcomes that finish together share a commit). An
   * outcome whose claim was taken over in the meantime is ignored: the new holder decides.
   */
  async complete(outcomes: AttemptOutcome[]): Promise<void> {
    if (outcomes.length === 0) return;
    await this.pool.query({
      name: 'dispatch-complete',
      text: `UPDATE dispatch_records r
          SET status = o.status,
              delivered_at = CASE WHEN o.status = 'DELIVERED' THEN now() ELSE r.delivered_at END,
              next_attempt_at = CASE WHEN o.status = 'PENDING'
                                     THEN now() + o.delay_ms * interval '1 millisecond'
                                     ELSE r.next_attempt_at END,
              last_error = o.error, last_response = o.response,
              claim_token = NULL, claimed_by = NULL, lease_until = NULL
         FROM jsonb_to_recordset($1::jsonb)
              AS o(id uuid, claim_token uuid, status text, delay_ms int, error text, response jsonb)
        WHERE r.id = o.id AND r.claim_token = o.claim_token AND r.status = 'DELIVERING'`,
      values: [
        JSON.stringify(
          outcomes.map((o) => ({
            id: o.id,
            claim_token: o.claimToken,
            status: o.status,
            delay_ms: o.delayMs,
            error: o.error,
            response: o.response ?? null,
          })),
        ),
      ],
    });
  }

  /** Milliseconds until the next head falls due (a retry, an expired lease, a dead owner); null if none. */
  async msUntilNextDue(): Promise<number | null> {
    const { rows } = await this.pool.query<{ ms: string | null }>({
      name: 'dispatch-next-due',
      text: `WITH ${LIVE_OWNERS}
       SELECT extract(epoch FROM min(CASE WHEN r.status = 'PENDING' THEN r.next_attempt_at
                                          WHEN ${OWNER_GONE} THEN now()
                                          ELSE r.lease_until END) - now()) * 1000 AS ms
         FROM dispatch_records r
        WHERE r.status IN ('PENDING', 'DELIVERING') AND ${IS_HEAD}`,
    });
    const ms = rows[0]?.ms;
    return ms === null || ms === undefined ? null : Number(ms);
  }
}
