import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ServiceError,
  type AgreementHistoryEntry,
  type AgreementListQuery,
  type AgreementSnapshot,
  type AgreementStatus,
  type AgreementView,
} from '@netsign/contracts';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import { appendToChain, chainLinkAfter, type NewChainEntry } from '@netsign/audit-chain';
import { isUniqueViolation, preparedQuery } from '@netsign/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { AgreementHistoryEntity } from './agreement-history.entity.js';
import type { AgreementEntity } from './agreement.entity.js';

type Db = Pick<EntityManager, 'query'> | Pick<DataSource, 'query'>;

export interface AgreementRecord extends AgreementSnapshot {
  offerId: string | null;
}

/** The aggregate type of an agreement's history chain (the view audit_chain_entries says the same). */
const AGREEMENT_CHAIN = 'agreement';

/**
 * A history row in the chain's terms, as the view audit_chain_entries maps it (the id as Postgres
 * prints a uuid: an id taken from a request may have been written in capitals).
 */
function historyChainEntry(agreementId: string, e: AgreementHistoryEntry): NewChainEntry {
  return {
    aggregateType: AGREEMENT_CHAIN,
    aggregateId: agreementId.toLowerCase(),
    action: 'STATUS_CHANGE',
    actor: e.actor,
    at: new Date(e.at),
    payload: { from: e.from, to: e.to, reason: e.reason },
  };
}

const COLUMNS = `id, agreement_no, method, status, snapshot, signed_at, version, offer_id`;

/** `agreements` as `SELECT ${COLUMNS}` answers it: AgreementEntity's columns by their database names. */
interface AgreementColumns {
  id: AgreementEntity['id'];
  agreement_no: AgreementEntity['agreementNo'];
  method: AgreementEntity['method'];
  status: AgreementEntity['status'];
  snapshot: Pick<AgreementSnapshot, 'graduate' | 'employer' | 'position' | 'terms'>;
  signed_at: AgreementEntity['signedAt'];
  version: AgreementEntity['version'];
  offer_id: AgreementEntity['offerId'];
}

function toRecord(r: AgreementColumns): AgreementRecord {
  const s = r.snapshot;
  return {
    agreementId: r.id,
    agreementNo: r.agreement_no,
    method: r.method,
    status: r.status,
    graduate: s.graduate,
    employer: s.employer,
    position: s.position,
    terms: s.terms,
    signedAt: r.signed_at.toISOString(),
    version: Number(r.version),
    offerId: r.offer_id ?? null,
  };
}

/** `agreement_history` as withHistory selects it: AgreementHistoryEntity's columns by their database names. */
interface HistoryColumns {
  agreement_id: AgreementHistoryEntity['agreementId'];
  at: AgreementHistoryEntity['at'];
  actor: AgreementHistoryEntry['actor'];
  from_status: AgreementHistoryEntity['fromStatus'];
  to_status: AgreementHistoryEntity['toStatus'];
  reason: AgreementHistoryEntity['reason'];
}

/** The agreements table in the access policy's terms (the class as frozen at signing). */
const SCOPE_COLUMNS: ScopeColumns = {
  graduateId: 'graduate_id',
  schoolCode: 'school_code',
  departmentCode: 'department_code',
  className: `snapshot->'graduate'->>'className'`,
  employerId: 'employer_id',
};

@Injectable()
export class AgreementRepository {
  /**
   * Agreement, its first history entry and the head of its audit chain in one statement. A new
   * agreement's chain is empty, so its first link needs no lock. The partial unique index decides
   * the race: a second active agreement is GRADUATE_NOT_AVAILABLE.
   */
  async insert(tx: EntityManager, a: AgreementRecord, h: AgreementHistoryEntry): Promise<void> {
    const entry = historyChainEntry(a.agreementId, h);
    const link = chainLinkAfter(null, entry);
    try {
      await preparedQuery(
        tx,
        'signing-agreement-insert',
        `WITH a AS (
           INSERT INTO agreements (id, agreement_no, method, status, graduate_id, school_code, department_code,
                                   employer_id, offer_id, snapshot, signed_at, version)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id),
         h AS (
           INSERT INTO agreement_history (agreement_id, at, actor, from_status, to_status, reason, seq, prev_hash, hash)
           SELECT id, $14, $13, $15, $16, $17, $18, $19, $20 FROM a RETURNING agreement_id)
         INSERT INTO audit_chain_heads (aggregate_type, aggregate_id, seq, hash)
         SELECT '${AGREEMENT_CHAIN}', agreement_id::text, $18, $20 FROM h`,
        [
          a.agreementId,
          a.agreementNo,
          a.method,
          a.status,
          a.graduate.graduateId,
          a.graduate.schoolCode,
          a.graduate.departmentCode,
          a.employer.employerId,
          a.offerId,
          JSON.stringify({
            graduate: a.graduate,
            employer: a.employer,
            position: a.position,
            terms: a.terms,
          }),
          a.signedAt,
          a.version,
          JSON.stringify(h.actor),
          entry.at,
          h.from,
          h.to,
          h.reason,
          link.seq,
          link.prevHash,
          link.hash,
        ],
      );
    } catch (err) {
      if (isUniqueViolation(err, 'agreements_one_active_per_graduate')) {
        throw new ServiceError(ErrorCode.GRADUATE_NOT_AVAILABLE);
      }
      if (isUniqueViolation(err, 'agreements_offer_id_key')) {
        throw new ServiceError(ErrorCode.INVALID_STATE, '该签约通知已被接受');
      }
      throw err;
    }
  }

  /** The next entry of the agreement's history chain (the caller holds the agreement's row lock). */
  async addHistory(
    tx: EntityManager,
    agreementId: string,
    e: AgreementHistoryEntry,
  ): Promise<void> {
    const entry = historyChainEntry(agreementId, e);
    await appendToChain(tx, entry, (link) =>
      preparedQuery(
        tx,
        'signing-agreement-history',
        `INSERT INTO agreement_history (agreement_id, at, actor, from_status, to_status, reason, seq, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          agreementId,
          entry.at,
          JSON.stringify(e.actor),
          e.from,
          e.to,
          e.reason,
          link.seq,
          link.prevHash,
          link.hash,
        ],
      ),
    );
  }

  async lock(tx: EntityManager, agreementId: string): Promise<AgreementRecord | null> {
    const rows: AgreementColumns[] = await tx.query(
      `SELECT ${COLUMNS} FROM agreements WHERE id = $1 FOR UPDATE`,
      [agreementId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async updateStatus(
    tx: EntityManager,
    agreementId: string,
    status: AgreementStatus,
    version: number,
  ): Promise<void> {
    await tx.query(
      `UPDATE agreements SET status = $2, version = $3, updated_at = now() WHERE id = $1`,
      [agreementId, status, version],
    );
  }

  async activeFor(
    db: Db,
    graduateIds: string[],
  ): Promise<
    Array<{ graduateId: string; agreementId: string; agreementNo: string; status: AgreementStatus }>
  > {
    const rows: Array<
      Pick<AgreementColumns, 'id' | 'agreement_no' | 'status'> & {
        graduate_id: AgreementEntity['graduateId'];
      }
    > = await db.query(
      `SELECT graduate_id, id, agreement_no, status FROM agreements
        WHERE graduate_id = ANY($1::text[]) AND status IN ('PENDING_REVIEW', 'APPROVED')`,
      [graduateIds],
    );
    return rows.map((r) => ({
      graduateId: r.graduate_id,
      agreementId: r.id,
      agreementNo: r.agreement_no,
      status: r.status,
    }));
  }

  async get(db: Db, agreementId: string): Promise<AgreementView | null> {
    const rows: AgreementColumns[] = await db.query(
      `SELECT ${COLUMNS} FROM agreements WHERE id = $1`,
      [agreementId],
    );
    if (!rows[0]) return null;
    const [view] = await this.withHistory(db, [toRecord(rows[0])]);
    return view!;
  }

  async list(
    db: Db,
    scope: Reach,
    q: AgreementListQuery,
  ): Promise<{ items: AgreementView[]; total: number }> {
    const params: unknown[] = [];
    const where = [scopeSql(scope, SCOPE_COLUMNS, params)];
    if (q.status) where.push(`status = $${params.push(q.status)}`);
    if (q.method) where.push(`method = $${params.push(q.method)}`);
    if (q.q) {
      // Exact numbers, or names by their start (an index on the number; names within the scope).
      const exact = params.push(q.q);
      const prefix = params.push(`${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(agreement_no = $${exact} OR snapshot->'graduate'->>'studentNo' = $${exact}
        OR snapshot->'graduate'->>'name' LIKE $${prefix} OR snapshot->'employer'->>'name' LIKE $${prefix})`);
    }
    const filter = where.join(' AND ');
    const [count] = (await db.query(
      `SELECT count(*)::int AS n FROM agreements WHERE ${filter}`,
      params,
    )) as Array<{ n: number }>;
    const rows: AgreementColumns[] = await db.query(
      `SELECT ${COLUMNS} FROM agreements WHERE ${filter} ORDER BY signed_at DESC, id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: await this.withHistory(db, rows.map(toRecord)), total: count?.n ?? 0 };
  }

  private async withHistory(db: Db, records: AgreementRecord[]): Promise<AgreementView[]> {
    if (records.length === 0) return [];
    const rows: HistoryColumns[] = await db.query(
      `SELECT agreement_id, at, actor, from_status, to_status, reason FROM agreement_history
        WHERE agreement_id = ANY($1::uuid[]) ORDER BY id`,
      [records.map((r) => r.agreementId)],
    );
    const byId = new Map<string, AgreementHistoryEntry[]>();
    for (const h of rows) {
      const list = byId.get(h.agreement_id) ?? [];
      list.push({
        at: h.at.toISOString(),
        actor: h.actor ?? null,
        from: h.from_status ?? null,
        to: h.to_status,
        reason: h.reason ?? null,
      });
      byId.set(h.agreement_id, list);
    }
    return records.map((r) => ({
      id: r.agreementId,
      ...r,
      history: byId.get(r.agreementId) ?? [],
    }));
  }
}
