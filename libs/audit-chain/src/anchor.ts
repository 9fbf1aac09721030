import type { EntityManager } from 'typeorm';
import { merkleRoot, type AnchoredHead } from './merkle.js';

/** The calendar day in China (UTC+8, no daylight saving), as YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export interface TakenAnchor {
  sequence: number;
  day: string;
  anchoredAt: string;
  root: string;
  chains: number;
  entries: number;
}

/**
 * Anchors the schema's chains in the caller's transaction: every head not being appended to
 * right now moves its anchored point to where it is; a head locked by a running append keeps the
 * point of the last anchor (SKIP LOCKED: an anchor never waits on, nor deadlocks with, a writer).
 * The root is the Merkle root of all anchored points, so it always describes committed entries.
 * `onlyOncePerDay`: the daily schedule, which does nothing if `day` was anchored already.
 */
export async function takeAnchor(
  tx: EntityManager,
  at: Date,
  { onlyOncePerDay }: { onlyOncePerDay: boolean },
): Promise<TakenAnchor | null> {
  if (!tx.queryRunner?.isTransactionActive)
    throw new Error('takeAnchor must run inside a transaction');
  const day = shanghaiDay(at);
  await tx.query(
    `SELECT pg_advisory_xact_lock(hashtext('audit-chain-anchor:' || current_schema()))`,
  );
  if (onlyOncePerDay) {
    const taken = (await tx.query(`SELECT 1 FROM audit_chain_anchors WHERE day = $1 LIMIT 1`, [
      day,
    ])) as unknown[];
    if (taken.length > 0) return null;
  }
  await tx.query(
    `UPDATE audit_chain_heads h SET anchored_seq = h.seq, anchored_hash = h.hash
       FROM (SELECT aggregate_type, aggregate_id FROM audit_chain_heads
              WHERE seq > 0 AND anchored_seq IS DISTINCT FROM seq FOR UPDATE SKIP LOCKED) moving
      WHERE h.aggregate_type = moving.aggregate_type AND h.aggregate_id = moving.aggregate_id`,
  );
  const rows = (await tx.query(
    `SELECT aggregate_type, aggregate_id, anchored_seq, anchored_hash FROM audit_chain_heads WHERE anchored_seq IS NOT NULL`,
  )) as Array<{
    aggregate_type: string;
    aggregate_id: string;
    anchored_seq: number;
    anchored_hash: string;
  }>;
  const heads: AnchoredHead[] = rows.map((r) => ({
    aggregateType: r.aggregate_type,
    aggregateId: r.aggregate_id,
    seq: r.anchored_seq,
    hash: r.anchored_hash,
  }));
  const anchor = {
    day,
    anchoredAt: at.toISOString(),
    root: merkleRoot(heads),
    chains: heads.length,
    entries: heads.reduce((n, h) => n + h.seq, 0),
  };
  const [row] = (await tx.query(
    `INSERT INTO audit_chain_anchors (sequence, day, anchored_at, root, chains, entries)
     SELECT coalesce(max(sequence), 0) + 1, $1, $2, $3, $4, $5 FROM audit_chain_anchors
     RETURNING sequence`,
    [anchor.day, at, anchor.root, anchor.chains, anchor.entries],
  )) as Array<{ sequence: number }>;
  return { sequence: row!.sequence, ...anchor };
}
