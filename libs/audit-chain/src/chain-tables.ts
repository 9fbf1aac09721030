import type { QueryRunner } from 'typeorm';
import { canonicalTimeSql } from './canonical.js';
import { nextLink, type ChainActor } from './chain-hash.js';

/**
 * The view every audited schema defines over its audit tables, one row per entry, in the chain's
 * terms. The verifier reads only this view, so it needs to know nothing of a service's tables:
 *   source text, source_id bigint (the row in its table), aggregate_type text, aggregate_id text,
 *   seq integer, action text, actor jsonb, at timestamptz, payload jsonb, prev_hash text, hash text
 */
export const CHAIN_VIEW = 'audit_chain_entries';

/**
 * The chain heads (one row per aggregate, locked by every append), what the last anchor covered
 * of each chain, and the service's own list of the anchors it published.
 */
export async function createAuditChainTables(runner: QueryRunner): Promise<void> {
  await runner.query(`
    CREATE TABLE audit_chain_heads (
      aggregate_type text NOT NULL,
      aggregate_id   text NOT NULL,
      seq            integer NOT NULL,
      hash           text NOT NULL,
      anchored_seq   integer,
      anchored_hash  text,
      PRIMARY KEY (aggregate_type, aggregate_id)
    )`);
  await runner.query(`
    CREATE TABLE audit_chain_anchors (
      sequence     integer PRIMARY KEY,
      day          date NOT NULL,
      anchored_at  timestamptz NOT NULL,
      root         text NOT NULL,
      chains       integer NOT NULL,
      entries      bigint NOT NULL
    )`);
  await runner.query(`CREATE INDEX audit_chain_anchors_day ON audit_chain_anchors (day)`);
}

export async function dropAuditChainTables(runner: QueryRunner): Promise<void> {
  await runner.query(`DROP TABLE IF EXISTS audit_chain_anchors`);
  await runner.query(`DROP TABLE IF EXISTS audit_chain_heads`);
}

/** Adds the chain columns to an audit table that already exists (filled by chainExistingEntries). */
export async function addChainColumns(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(
    `ALTER TABLE ${table} ADD COLUMN seq integer, ADD COLUMN prev_hash text, ADD COLUMN hash text`,
  );
}

/** Once the rows are chained: every row has its link, and one sequence number holds one entry. */
export async function requireChainColumns(
  runner: QueryRunner,
  table: string,
  aggregateColumns: string[],
): Promise<void> {
  await runner.query(
    `ALTER TABLE ${table} ALTER COLUMN seq SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL, ALTER COLUMN hash SET NOT NULL`,
  );
  await runner.query(
    `CREATE UNIQUE INDEX ${table}_chain ON ${table} (${aggregateColumns.join(', ')}, seq)`,
  );
}

export async function dropChainColumns(runner: QueryRunner, table: string): Promise<void> {
  await runner.query(`DROP INDEX IF EXISTS ${table}_chain`);
  await runner.query(
    `ALTER TABLE ${table} DROP COLUMN IF EXISTS seq, DROP COLUMN IF EXISTS prev_hash, DROP COLUMN IF EXISTS hash`,
  );
}

interface ViewRow {
  source: string;
  source_id: string;
  aggregate_type: string;
  aggregate_id: string;
  action: string;
  actor: ChainActor | null;
  at: string;
  payload: unknown;
}

const BATCH = 2000;

/**
 * Chains the rows that existed before the chain, each aggregate's in the order they were written
 * (their table's id), through the schema's view: sets seq, prev_hash and hash on every row and
 * writes the heads. Runs inside the migration's transaction; a cursor keeps memory flat.
 */
export async function chainExistingEntries(
  runner: QueryRunner,
): Promise<{ chains: number; entries: number }> {
  await runner.query(`
    DECLARE audit_chain_backfill NO SCROLL CURSOR FOR
      SELECT source, source_id, aggregate_type, aggregate_id, action, actor, ${canonicalTimeSql('at')} AS at, payload
        FROM ${CHAIN_VIEW} ORDER BY aggregate_type, aggregate_id, source_id`);
  let head: { type: string; id: string; seq: number; hash: string } | null = null;
  let chains = 0;
  let entries = 0;
  const flushHead = async (h: typeof head) => {
    if (!h) return;
    await runner.query(
      `INSERT INTO audit_chain_heads (aggregate_type, aggregate_id, seq, hash) VALUES ($1, $2, $3, $4)`,
      [h.type, h.id, h.seq, h.hash],
    );
    chains++;
  };
  for (;;) {
    const rows = (await runner.query(`FETCH ${BATCH} FROM audit_chain_backfill`)) as ViewRow[];
    if (rows.length === 0) break;
    const updates = new Map<
      string,
      { ids: string[]; seqs: number[]; prev: string[]; hashes: string[] }
    >();
    for (const r of rows) {
      if (!head || head.type !== r.aggregate_type || head.id !== r.aggregate_id) {
        await flushHead(head);
        head = { type: r.aggregate_type, id: r.aggregate_id, seq: 0, hash: '' };
      }
      const link = nextLink(head.seq === 0 ? null : head, {
        aggregateType: r.aggregate_type,
        aggregateId: r.aggregate_id,
        action: r.action,
        actor: r.actor,
        at: r.at,
        payload: r.payload,
      });
      head.seq = link.seq;
      head.hash = link.hash;
      const u = updates.get(r.source) ?? { ids: [], seqs: [], prev: [], hashes: [] };
      u.ids.push(r.source_id);
      u.seqs.push(link.seq);
      u.prev.push(link.prevHash);
      u.hashes.push(link.hash);
      updates.set(r.source, u);
      entries++;
    }
    for (const [table, u] of updates) {
      if (!/^[a-z_]+$/.test(table)) throw new Error(`unexpected audit source ${table}`);
      await runner.query(
        `UPDATE ${table} t SET seq = v.seq, prev_hash = v.prev_hash, hash = v.hash
           FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[]) AS v(id, seq, prev_hash, hash)
          WHERE t.id = v.id`,
        [u.ids, u.seqs, u.prev, u.hashes],
      );
    }
  }
  await flushHead(head);
  await runner.query(`CLOSE audit_chain_backfill`);
  return { chains, entries };
}
