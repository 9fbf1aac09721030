import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { schemaDrift, type TestEnv } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import {
  appendRecord,
  RecordLogRepository,
} from '../src/modules/delivery/record-log.repository.js';
import type { DispatchSyncEnv } from '../src/dispatch-sync.env.js';
import { DispatchRecordsSubscriber } from '../src/modules/dispatch/dispatch-records.subscriber.js';
import {
  employmentInput,
  graduateRef,
  openDispatchDatabase,
  terminationInput,
} from './dispatch-fixtures.js';

/** The record log against real Postgres: sequences under concurrency, no ID number, operators' views. */
describe('dispatch record log', () => {
  let env: TestEnv;
  let ds: DataSource;
  let log: RecordLogRepository;

  beforeAll(async () => {
    ({ env, ds } = await openDispatchDatabase('dispatch_log'));
    log = new RecordLogRepository(ds);
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });
  beforeEach(async () => {
    await ds.query(`TRUNCATE dispatch_records`);
  });

  const sequencesOf = async (studentNo: string) =>
    (
      (await ds.query(
        `SELECT graduate_sequence FROM dispatch_records WHERE graduate_key = $1 ORDER BY graduate_sequence`,
        [`10357:${studentNo}`],
      )) as Array<{ graduate_sequence: number }>
    ).map((r) => r.graduate_sequence);

  it('entities match the migrations: synchronize would change nothing', async () => {
    expect(await schemaDrift(ds)).toEqual([]);
  });

  it('numbers a graduate’s records 1, 2, 3… with no gap or repeat when appends race', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        ds.transaction(async (tx) => {
          const a = await appendRecord(tx, employmentInput(1, i));
          await appendRecord(tx, employmentInput(2, i)); // another graduate in the same transaction
          // Hold the transaction open a little so the appends genuinely overlap.
          await tx.query(`SELECT pg_sleep(0.005)`);
          if (i % 5 === 4) throw new Error('rolled back on purpose');
          return a;
        }),
      ),
    );
    const committed = results.filter((r) => r.status === 'fulfilled').length;
    expect(committed).toBe(20);
    const expected = Array.from({ length: committed }, (_, i) => i + 1);
    expect(await sequencesOf(employmentInput(1, 0).graduate.studentNo)).toEqual(expected);
    expect(await sequencesOf(employmentInput(2, 0).graduate.studentNo)).toEqual(expected);
  });

  it('appends a given recordId once', async () => {
    const recordId = randomUUID();
    const first = await ds.transaction((tx) =>
      appendRecord(tx, { ...employmentInput(3, 1), recordId }),
    );
    const again = await ds.transaction((tx) =>
      appendRecord(tx, { ...employmentInput(3, 1), recordId }),
    );
    expect(first).toEqual({ recordId, graduateSequence: 1, created: true });
    expect(again).toEqual({ recordId, graduateSequence: 1, created: false });
    expect(await sequencesOf(employmentInput(3, 1).graduate.studentNo)).toEqual([1]);
  });

  it('refuses to run outside a transaction', async () => {
    await expect(appendRecord(ds.manager, employmentInput(4, 1))).rejects.toThrow(
      /inside a transaction/,
    );
  });

  it('keeps no ID number in its table: not stored, and refused by the database', async () => {
    const sneaky = { ...employmentInput(5, 1), idNumber: '110105199501010019' } as never;
    const { recordId } = await ds.transaction((tx) => appendRecord(tx, sneaky));
    const rows: Array<{ body: Record<string, unknown> }> = await ds.query(
      `SELECT body FROM dispatch_records WHERE id = $1`,
      [recordId],
    );
    expect(rows[0]!.body).not.toHaveProperty('idNumber');
    expect(JSON.stringify(rows[0]!.body)).not.toContain('110105199501010019');
    await expect(
      ds.query(
        `UPDATE dispatch_records SET body = body || '{"idNumber": "110105199501010019"}' WHERE id = $1`,
        [recordId],
      ),
    ).rejects.toThrow(/dispatch_records_no_id_number/);
  });

  it('fills a termination from the agreement’s employment record', async () => {
    await ds.transaction((tx) => appendRecord(tx, employmentInput(6, 1)));
    const { recordId, graduateSequence } = await ds.transaction((tx) =>
      appendRecord(tx, terminationInput(6, 1)),
    );
    expect(graduateSequence).toBe(2);
    const record = await log.getRecord(recordId);
    expect(record?.kind).toBe('TERMINATION');
    expect(record?.body).toMatchObject({
      employer: employmentInput(6, 1).employer,
      signingMethod: 'QR_CARD',
    });
    // Without an employment record to copy from, the caller must give the details.
    await expect(ds.transaction((tx) => appendRecord(tx, terminationInput(7, 1)))).rejects.toThrow(
      /required/,
    );
  });

  it('lists by state, replays only dead records, and reports the backlog', async () => {
    const ids: string[] = [];
    for (let g = 10; g < 13; g++) {
      for (const input of [employmentInput(g, 1), terminationInput(g, 1)]) {
        ids.push((await ds.transaction((tx) => appendRecord(tx, input))).recordId);
      }
    }
    // g10 delivered both; g11 first dead (second blocked behind it); g12 untouched.
    await ds.query(
      `UPDATE dispatch_records SET status = 'DELIVERED', delivered_at = now() WHERE id = ANY($1)`,
      [[ids[0], ids[1]]],
    );
    await ds.query(
      `UPDATE dispatch_records SET status = 'DEAD', attempts = 3, last_error = 'HTTP 422: bad', created_at = now() - interval '90 seconds' WHERE id = $1`,
      [ids[2]],
    );

    const dead = await log.listRecords({ status: 'DEAD' });
    expect(dead.total).toBe(1);
    expect(dead.items[0]).toMatchObject({
      id: ids[2],
      status: 'DEAD',
      lastError: 'HTTP 422: bad',
      attempts: 3,
    });
    expect((await log.listRecords({ limit: 2, offset: 4 })).items).toHaveLength(2);
    expect((await log.listRecords()).total).toBe(6);

    expect(await log.backlogMetrics()).toEqual({
      pending: 3,
      delivering: 0,
      dead: 1,
      blockedByDead: 1,
      oldestUndeliveredAgeSeconds: expect.any(Number),
    });
    expect((await log.backlogMetrics()).oldestUndeliveredAgeSeconds).toBeGreaterThanOrEqual(89);

    expect(await log.replay(ids[0]!)).toEqual({ replayed: false, status: 'DELIVERED' });
    expect(await log.replay(randomUUID())).toEqual({ replayed: false, status: null });
    expect(await log.replay(ids[2]!)).toEqual({ replayed: true, status: 'DEAD' });
    expect(await log.getRecord(ids[2]!)).toMatchObject({
      status: 'PENDING',
      attempts: 0,
      lastError: 'HTTP 422: bad',
    });
  });

  it('reconciles the province’s last sequences with the log', async () => {
    for (let g = 20; g < 25; g++) {
      await ds.transaction((tx) => appendRecord(tx, employmentInput(g, 1)));
      await ds.transaction((tx) => appendRecord(tx, terminationInput(g, 1)));
    }
    await ds.query(`UPDATE dispatch_records SET status = 'DELIVERED' WHERE graduate_sequence = 1`);
    await ds.query(
      `UPDATE dispatch_records SET status = 'DELIVERED' WHERE graduate_key IN ('10357:2025000020', '10357:2025000022')`,
    );
    const acknowledged = new Map([
      ['10357:2025000020', 2], // all there
      ['10357:2025000021', 1], // second pending: backlog
      ['10357:2025000022', 1], // we saw 2 accepted, the province has 1
      ['10357:2025000023', 2], // accepted, answer not recorded yet
      // 2025000024 unknown to the province although its first record was accepted
      ['10357:2025000099', 1], // never in our log
    ]);
    const report = await log.reconcile(acknowledged);
    expect(report.graduatesCompared).toBe(6);
    expect(report.differences).toEqual([
      {
        graduateKey: '10357:2025000021',
        acknowledged: 1,
        delivered: 1,
        appended: 2,
        kind: 'PENDING_DELIVERY',
      },
      {
        graduateKey: '10357:2025000022',
        acknowledged: 1,
        delivered: 2,
        appended: 2,
        kind: 'MISSING_AT_PROVINCE',
      },
      {
        graduateKey: '10357:2025000023',
        acknowledged: 2,
        delivered: 1,
        appended: 2,
        kind: 'ACCEPTED_NOT_CONFIRMED',
      },
      {
        graduateKey: '10357:2025000024',
        acknowledged: 0,
        delivered: 1,
        appended: 2,
        kind: 'MISSING_AT_PROVINCE',
      },
      {
        graduateKey: '10357:2025000099',
        acknowledged: 1,
        delivered: 0,
        appended: 0,
        kind: 'UNKNOWN_TO_LOG',
      },
    ]);
    expect(report.counts).toEqual({
      PENDING_DELIVERY: 1,
      MISSING_AT_PROVINCE: 2,
      ACCEPTED_NOT_CONFIRMED: 1,
      UNKNOWN_TO_LOG: 1,
    });
  });
});

/** A destination the school records, or an unlock, as the dispatch-records subscriber logs it (decision 0007). */
describe('destination records', () => {
  let env: TestEnv;
  let ds: DataSource;

  beforeAll(async () => {
    ({ env, ds } = await openDispatchDatabase('dispatch_destination'));
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  const g = graduateRef(31);
  const changed = (to: string, destinationCode: string | null) => ({
    id: randomUUID(),
    type: 'signing.destination.changed',
    version: 1,
    occurredAt: '2025-06-03T08:00:00.000Z',
    aggregateId: g.graduateId,
    actor: null,
    correlationId: randomUUID(),
    payload: {
      graduateId: g.graduateId,
      schoolCode: g.schoolCode,
      departmentCode: 'CS',
      from: 'AWAITING_EMPLOYMENT' as const,
      to: to as 'FURTHER_STUDY',
      reason: null,
      agreementId: null,
      changedAt: '2025-06-03T08:00:00.000Z',
      destinationCode,
      studentNo: g.studentNo,
      name: g.name,
    },
  });
  const subscriber = (setting: 'on' | 'off') =>
    new DispatchRecordsSubscriber({ PROVINCE_DESTINATION_RECORDS: setting } as DispatchSyncEnv);

  it('logs one with the category and its code, numbered after the graduate’s other records', async () => {
    await ds.transaction((tx) => appendRecord(tx, employmentInput(31, 1)));
    const event = changed('FURTHER_STUDY', '85');
    await ds.transaction((tx) => subscriber('on').destination(event, tx));
    const rows: Array<{ id: string; kind: string; graduate_sequence: number; body: unknown }> =
      await ds.query(
        `SELECT id, kind, graduate_sequence, body FROM dispatch_records WHERE graduate_key = $1
          ORDER BY graduate_sequence`,
        [`${g.schoolCode}:${g.studentNo}`],
      );
    expect(rows.map((r) => [r.kind, r.graduate_sequence])).toEqual([
      ['EMPLOYMENT', 1],
      ['DESTINATION', 2],
    ]);
    expect(rows[1]!.id).toBe(event.id);
    expect(rows[1]!.body).toEqual({
      schoolCode: g.schoolCode,
      studentNo: g.studentNo,
      name: g.name,
      destination: 'FURTHER_STUDY',
      destinationCode: '85',
      occurredAt: '2025-06-03T08:00:00.000Z',
    });
  });

  it('logs nothing with PROVINCE_DESTINATION_RECORDS=off', async () => {
    const before: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM dispatch_records`,
    );
    await ds.transaction((tx) => subscriber('off').destination(changed('OTHER', null), tx));
    const after: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM dispatch_records`,
    );
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});
