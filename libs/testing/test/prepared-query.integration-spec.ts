import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServiceDataSource, isUniqueViolation, preparedQuery } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { createTestEnv, type TestEnv } from '../src/index.js';

/** Named prepared statements against the real Postgres: in and out of transactions, errors intact. */
describe('preparedQuery', () => {
  let env: TestEnv;
  let ds: DataSource;

  beforeAll(async () => {
    env = await createTestEnv('prepared');
    ds = createServiceDataSource({
      url: env.databaseUrl,
      schema: 'public',
      entities: [],
      migrations: [],
    });
    await ds.initialize();
    await ds.query(`CREATE TABLE prepared_probe (id int PRIMARY KEY, label text NOT NULL)`);
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  const insert = (db: Parameters<typeof preparedQuery>[0], id: number, label: string) =>
    preparedQuery<{ id: number; label: string }>(
      db,
      'probe-insert',
      `INSERT INTO prepared_probe (id, label) VALUES ($1, $2) RETURNING id, label`,
      [id, label],
    );

  it('returns rows, outside a transaction and inside one, reusing the statement', async () => {
    expect(await insert(ds, 1, 'a')).toEqual([{ id: 1, label: 'a' }]);
    for (let i = 2; i <= 12; i++) await insert(ds, i, `x${i}`); // the same name on pooled connections
    const inTx = await ds.transaction(async (tx) => {
      await insert(tx, 100, 'in');
      return preparedQuery<{ n: number }>(
        tx,
        'probe-count',
        `SELECT count(*)::int AS n FROM prepared_probe`,
        [],
      );
    });
    expect(inTx).toEqual([{ n: 13 }]);
  });

  it('runs on the transaction’s own connection: a rollback takes the row with it', async () => {
    await expect(
      ds.transaction(async (tx) => {
        await insert(tx, 200, 'doomed');
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await ds.query(`SELECT id FROM prepared_probe WHERE id = 200`)).toEqual([]);
  });

  it('keeps the driver error recognisable (unique violation with its constraint)', async () => {
    const err = await ds.transaction((tx) => insert(tx, 1, 'again')).catch((e: unknown) => e);
    expect(isUniqueViolation(err, 'prepared_probe_pkey')).toBe(true);
  });
});
