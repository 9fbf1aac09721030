import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServiceDataSource, migrateServiceSchema } from '@netsign/persistence';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import type { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
import { takeAnchor } from '../src/anchor.js';
import { canonicalTime } from '../src/canonical.js';
import { entryHash, GENESIS_HASH } from '../src/chain-hash.js';
import {
  appendToChain,
  chainLinkAfter,
  lockChainHead,
  type NewChainEntry,
} from '../src/chain-writer.js';
import {
  chainExistingEntries,
  createAuditChainTables,
  requireChainColumns,
} from '../src/chain-tables.js';
import { verifyAuditChains } from '../src/verify.js';

/**
 * The chain against a real Postgres: a schema shaped like a service's (an audit table with rows
 * from before the chain, the view, the heads), parallel writers on one aggregate, and the
 * verifier finding each kind of tampering. The service migrations and writers are exercised end
 * to end in e2e/audit-chain.e2e-spec.ts.
 */
const SCHEMA = 'chaintest';

class TestAuditSchema1700000000001 implements MigrationInterface {
  name = 'TestAuditSchema1700000000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE test_audit (
        id bigserial PRIMARY KEY, aggregate_type text NOT NULL, aggregate_id text NOT NULL, action text NOT NULL,
        actor jsonb, at timestamptz NOT NULL DEFAULT now(), payload jsonb NOT NULL)`);
    // Rows written before the chain existed (microsecond times, as now() gives them).
    for (const [type, id, action] of [
      ['case', 'a', 'OPENED'],
      ['case', 'b', 'OPENED'],
      ['case', 'a', 'CLOSED'],
      ['case', 'a', 'REOPENED'],
    ]) {
      await runner.query(
        `INSERT INTO test_audit (aggregate_type, aggregate_id, action, actor, payload) VALUES ($1, $2, $3, $4, $5)`,
        [
          type,
          id,
          action,
          JSON.stringify({ userId: 'u1', role: 'SCHOOL_ADMIN' }),
          JSON.stringify({ note: `${action} 说明`, n: 1.5 }),
        ],
      );
    }
  }
  async down(): Promise<void> {}
}

class TestAuditChain1700000000002 implements MigrationInterface {
  name = 'TestAuditChain1700000000002';
  async up(runner: QueryRunner): Promise<void> {
    await createAuditChainTables(runner);
    await runner.query(
      `ALTER TABLE test_audit ADD COLUMN seq integer, ADD COLUMN prev_hash text, ADD COLUMN hash text`,
    );
    await runner.query(`
      CREATE VIEW audit_chain_entries AS
      SELECT 'test_audit'::text AS source, id AS source_id, aggregate_type, aggregate_id, seq, action, actor, at, payload, prev_hash, hash
        FROM test_audit`);
    await chainExistingEntries(runner);
    await requireChainColumns(runner, 'test_audit', ['aggregate_type', 'aggregate_id']);
  }
  async down(): Promise<void> {}
}

/** What a service's audit writer does: the chain's terms in, the row with its link out. */
async function write(tx: EntityManager, e: Omit<NewChainEntry, 'at'>, pauseMs = 0): Promise<void> {
  const at = new Date();
  await appendToChain(tx, { ...e, at }, async (link) => {
    // Hold the head a moment: parallel writers really overlap.
    if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs));
    await tx.query(
      `INSERT INTO test_audit (aggregate_type, aggregate_id, action, actor, at, payload, seq, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        e.aggregateType,
        e.aggregateId,
        e.action,
        JSON.stringify(e.actor),
        at,
        JSON.stringify(e.payload),
        link.seq,
        link.prevHash,
        link.hash,
      ],
    );
  });
}

describe('audit chain on Postgres', () => {
  let env: TestEnv;
  let ds: DataSource;

  beforeAll(async () => {
    env = await createTestEnv('audit-chain');
    ds = createServiceDataSource({
      url: env.databaseUrl,
      schema: SCHEMA,
      entities: [],
      migrations: [TestAuditSchema1700000000001, TestAuditChain1700000000002],
      poolSize: 12,
    });
    await ds.initialize();
    await migrateServiceSchema(ds, SCHEMA);
    // dispatch-sync's table of kept anchors, as its migration creates it.
    await ds.query(`CREATE SCHEMA dispatch_sync`);
    await ds.query(
      `CREATE TABLE dispatch_sync.audit_anchors (service text, sequence integer, root text, PRIMARY KEY (service, sequence))`,
    );
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await env?.dispose();
  });

  const verify = () => verifyAuditChains({ databaseUrl: env.databaseUrl });
  const rows = (type: string, id: string) =>
    ds.query(
      `SELECT id, seq, prev_hash, hash FROM test_audit WHERE aggregate_type = $1 AND aggregate_id = $2 ORDER BY seq`,
      [type, id],
    ) as Promise<Array<{ id: string; seq: number; prev_hash: string; hash: string }>>;

  it('chains the rows that existed before it, each aggregate in the order they were written', async () => {
    const a = await rows('case', 'a');
    expect(a.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(a.map((r) => Number(r.id))).toEqual([1, 3, 4]);
    expect(a[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(a[1]!.prev_hash).toBe(a[0]!.hash);
    expect(a[2]!.prev_hash).toBe(a[1]!.hash);
    const result = await verify();
    expect(result.broken).toEqual([]);
    expect(result.services).toEqual([{ service: SCHEMA, chains: 2, entries: 4, broken: 0 }]);
    expect(result.ok).toBe(true);
  });

  it('appends after the backfilled entries, with the time the row keeps', async () => {
    await ds.transaction((tx) =>
      write(tx, {
        aggregateType: 'case',
        aggregateId: 'a',
        action: 'CLOSED',
        actor: null,
        payload: { reason: null },
      }),
    );
    const a = await rows('case', 'a');
    expect(a.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    const [row] = (await ds.query(
      `SELECT action, actor, at, payload FROM test_audit WHERE id = $1`,
      [a[3]!.id],
    )) as Array<{ action: string; actor: null; at: Date; payload: unknown }>;
    expect(a[3]!.hash).toBe(
      entryHash(a[2]!.hash, {
        aggregateType: 'case',
        aggregateId: 'a',
        seq: 4,
        action: row!.action,
        actor: row!.actor,
        at: canonicalTime(row!.at),
        payload: row!.payload,
      }),
    );
    expect((await verify()).ok).toBe(true);
  });

  it('does not fork under parallel appends to one aggregate: every writer waits for the head', async () => {
    const writers = 24;
    await Promise.all(
      Array.from({ length: writers }, (_, i) =>
        ds.transaction((tx) =>
          write(
            tx,
            {
              aggregateType: 'case',
              aggregateId: 'busy',
              action: `STEP_${i}`,
              actor: { userId: `u${i}`, role: 'COUNSELLOR' },
              payload: { i },
            },
            20,
          ),
        ),
      ),
    );
    const busy = await rows('case', 'busy');
    expect(busy.map((r) => r.seq)).toEqual(Array.from({ length: writers }, (_, i) => i + 1));
    busy.forEach((r, i) => expect(r.prev_hash).toBe(i === 0 ? GENESIS_HASH : busy[i - 1]!.hash));
    expect(new Set(busy.map((r) => r.prev_hash)).size).toBe(writers); // no two entries claim the same predecessor
    const [head] = (await ds.query(
      `SELECT seq, hash FROM audit_chain_heads WHERE aggregate_type = 'case' AND aggregate_id = 'busy'`,
    )) as Array<{ seq: number; hash: string }>;
    expect(head).toEqual({ seq: writers, hash: busy[writers - 1]!.hash });
    expect((await verify()).ok).toBe(true);
  });

  it('refuses a writer that skips the head lock and links to a stale head, instead of forking', async () => {
    const [stale] = (await ds.query(
      `SELECT seq, hash FROM audit_chain_heads WHERE aggregate_type = 'case' AND aggregate_id = 'busy'`,
    )) as Array<{ seq: number; hash: string }>;
    await ds.transaction((tx) =>
      write(tx, {
        aggregateType: 'case',
        aggregateId: 'busy',
        action: 'MOVED_ON',
        actor: null,
        payload: {},
      }),
    );
    const forking = ds.transaction(async (tx) => {
      const entry: NewChainEntry = {
        aggregateType: 'case',
        aggregateId: 'busy',
        action: 'FORK',
        actor: null,
        at: new Date(),
        payload: {},
      };
      const link = chainLinkAfter(stale!, entry);
      await tx.query(
        `INSERT INTO test_audit (aggregate_type, aggregate_id, action, actor, at, payload, seq, prev_hash, hash) VALUES ('case', 'busy', 'FORK', 'null', $1, '{}', $2, $3, $4)`,
        [entry.at, link.seq, link.prevHash, link.hash],
      );
    });
    await expect(forking).rejects.toThrow(
      /duplicate key value violates unique constraint "test_audit_chain"/,
    );
    expect((await verify()).ok).toBe(true);
  });

  it('names the aggregate and sequence of an edited entry, and of the entries cut off a chain', async () => {
    const before = await rows('case', 'busy');
    const [original] = (await ds.query(
      `SELECT payload FROM test_audit WHERE aggregate_id = 'busy' AND seq = 7`,
    )) as Array<{ payload: unknown }>;
    await ds.query(
      `UPDATE test_audit SET payload = '{"i": 999}' WHERE aggregate_id = 'busy' AND seq = 7`,
    );
    let result = await verify();
    expect(result.ok).toBe(false);
    expect(result.broken).toEqual([
      {
        service: SCHEMA,
        aggregateType: 'case',
        aggregateId: 'busy',
        seq: 7,
        kind: 'HASH',
        expected: expect.stringMatching(/^[0-9a-f]{64}$/),
        stored: before[6]!.hash,
      },
    ]);
    await ds.query(`UPDATE test_audit SET payload = $1 WHERE aggregate_id = 'busy' AND seq = 7`, [
      JSON.stringify(original!.payload),
    ]);
    expect((await verify()).ok).toBe(true);

    await ds.query(
      `UPDATE test_audit SET actor = '{"userId": "someone-else", "role": "COUNSELLOR"}' WHERE aggregate_id = 'b' AND seq = 1`,
    );
    result = await verify();
    expect(result.broken.map((b) => [b.aggregateId, b.seq, b.kind])).toEqual([['b', 1, 'HASH']]);
    await ds.query(
      `UPDATE test_audit SET actor = '{"userId": "u1", "role": "SCHOOL_ADMIN"}' WHERE aggregate_id = 'b' AND seq = 1`,
    );

    const last = before.length;
    const [cut] = (await ds.query(
      `SELECT to_jsonb(t) AS row FROM test_audit t WHERE aggregate_id = 'busy' AND seq = $1`,
      [last],
    )) as Array<{ row: unknown }>;
    await ds.query(`DELETE FROM test_audit WHERE aggregate_id = 'busy' AND seq = $1`, [last]);
    result = await verify();
    expect(result.broken.map((b) => [b.aggregateId, b.seq, b.kind])).toEqual([
      ['busy', last, 'SEQUENCE'],
    ]);
    await ds.query(
      `INSERT INTO test_audit SELECT * FROM jsonb_populate_record(NULL::test_audit, $1)`,
      [JSON.stringify(cut!.row)],
    );
    expect((await verify()).ok).toBe(true);
  });

  it('anchors without waiting for a running append, and the kept anchor exposes a consistently re-hashed chain', async () => {
    const first = (await ds.transaction((tx) =>
      takeAnchor(tx, new Date(), { onlyOncePerDay: false }),
    ))!;
    expect(first).toMatchObject({ sequence: 1, chains: 3 });
    // An append in progress holds the head of case/a …
    const held = ds.createQueryRunner();
    await held.connect();
    await held.startTransaction();
    await write(held.manager, {
      aggregateType: 'case',
      aggregateId: 'a',
      action: 'IN_FLIGHT',
      actor: null,
      payload: {},
    });
    // … the next anchor does not wait for it: case/a stays anchored where the first anchor left it.
    const anchor = (await ds.transaction((tx) =>
      takeAnchor(tx, new Date(), { onlyOncePerDay: false }),
    ))!;
    await held.commitTransaction();
    await held.release();
    expect(anchor.sequence).toBe(2);
    const heads = (await ds.query(
      `SELECT aggregate_id, seq, anchored_seq FROM audit_chain_heads ORDER BY aggregate_id`,
    )) as Array<{ aggregate_id: string; seq: number; anchored_seq: number }>;
    expect(heads.find((h) => h.aggregate_id === 'a')).toEqual({
      aggregate_id: 'a',
      seq: 5,
      anchored_seq: 4,
    });
    expect(anchor.entries).toBe(heads.reduce((n, h) => n + h.anchored_seq, 0));

    // Not kept by dispatch-sync yet: pending, checked against the service's own record.
    let result = await verify();
    expect(result.anchors).toEqual([
      expect.objectContaining({
        service: SCHEMA,
        status: 'PENDING',
        sequence: 2,
        keptSequence: null,
      }),
    ]);
    await ds.query(
      `INSERT INTO dispatch_sync.audit_anchors (service, sequence, root) VALUES ($1, $2, $3)`,
      [SCHEMA, anchor.sequence, anchor.root],
    );
    result = await verify();
    expect(result.anchors).toEqual([
      expect.objectContaining({ status: 'OK', keptSequence: 2, recomputedRoot: anchor.root }),
    ]);
    expect(result.ok).toBe(true);

    // Someone with write access edits an entry and re-hashes the rest of the chain and its head:
    // every link checks out again, only the anchor kept elsewhere tells.
    await ds.query(
      `UPDATE test_audit SET payload = '{"note": "改过的说明", "n": 1.5}' WHERE aggregate_id = 'a' AND seq = 2`,
    );
    const chain = (await ds.query(
      `SELECT id, aggregate_type, aggregate_id, seq, action, actor, at, payload FROM test_audit WHERE aggregate_id = 'a' ORDER BY seq`,
    )) as Array<{
      id: string;
      aggregate_type: string;
      aggregate_id: string;
      seq: number;
      action: string;
      actor: null;
      at: Date;
      payload: unknown;
    }>;
    const micro = (await ds.query(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM test_audit WHERE aggregate_id = 'a'`,
    )) as Array<{ id: string; at: string }>;
    let prev = GENESIS_HASH;
    for (const r of chain) {
      const hash = entryHash(prev, {
        aggregateType: r.aggregate_type,
        aggregateId: r.aggregate_id,
        seq: r.seq,
        action: r.action,
        actor: r.actor,
        at: micro.find((m) => m.id === r.id)!.at,
        payload: r.payload,
      });
      await ds.query(`UPDATE test_audit SET prev_hash = $2, hash = $3 WHERE id = $1`, [
        r.id,
        prev,
        hash,
      ]);
      prev = hash;
    }
    await ds.query(`UPDATE audit_chain_heads SET hash = $1 WHERE aggregate_id = 'a'`, [prev]);
    result = await verify();
    expect(result.broken).toEqual([]);
    expect(result.anchors).toEqual([
      expect.objectContaining({ status: 'MISMATCH', keptRoot: anchor.root }),
    ]);
    expect(result.ok).toBe(false);
  });

  it('takes the daily anchor once a day, and anchors on demand whenever asked', async () => {
    const day = new Date();
    const first = await ds.transaction((tx) => takeAnchor(tx, day, { onlyOncePerDay: true }));
    expect(first).toBeNull(); // today's was taken by the previous case
    const again = await ds.transaction((tx) => takeAnchor(tx, day, { onlyOncePerDay: false }));
    expect(again?.sequence).toBe(3);
    const tomorrow = await ds.transaction((tx) =>
      takeAnchor(tx, new Date(day.getTime() + 86_400_000), { onlyOncePerDay: true }),
    );
    expect(tomorrow?.sequence).toBe(4);
  });

  it('needs a transaction to lock a head', async () => {
    await expect(
      lockChainHead(ds.manager, { aggregateType: 'case', aggregateId: 'a' }),
    ).rejects.toThrow(/inside a transaction/);
  });
});
