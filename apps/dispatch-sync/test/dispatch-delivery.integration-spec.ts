import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { sleep, waitFor, type TestEnv } from '@netsign/testing';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { OWNER_LOCK_NS } from '../src/modules/delivery/delivery-claims.repository.js';
import {
  DispatchDelivery,
  type DispatchDeliveryOptions,
} from '../src/modules/delivery/dispatch-delivery.js';
import {
  appendRecord,
  RecordLogRepository,
  type AgreementRecordInput,
} from '../src/modules/delivery/record-log.repository.js';
import {
  acceptedExactlyOnceInOrder,
  captureLogs,
  employmentInput,
  IdNumbers,
  idNumberFor,
  openDispatchDatabase,
  storyInputs,
  startProvinceStandin,
  type ProvinceStandin,
} from './dispatch-fixtures.js';

const SECRET = 'test-dispatch-secret';

/**
 * Delivery against the stand-in over real HTTP and a real Postgres: under failures, dropped
 * connections, lost answers and slowness every record is accepted exactly once and in order per
 * graduate; refusals go DEAD with the answer; a crash loses and doubles nothing.
 */
describe('dispatch delivery', () => {
  let env: TestEnv;
  let ds: DataSource;
  let standin: ProvinceStandin;
  let log: RecordLogRepository;
  let logs: ReturnType<typeof captureLogs>;
  const ids = new IdNumbers();
  const loops: DispatchDelivery[] = [];

  const newLoop = (overrides: Partial<DispatchDeliveryOptions> = {}) => {
    const loop = new DispatchDelivery({
      databaseUrl: env.databaseUrl,
      schema: 'dispatch_sync',
      provinceUrl: standin.url,
      secret: SECRET,
      resolveIdNumber: ids.resolve,
      concurrency: 8,
      requestTimeoutMs: 400,
      resolveTimeoutMs: 400,
      maxAttempts: 40,
      baseDelayMs: 20,
      maxDelayMs: 250,
      sweepMs: 60_000, // long: wake-ups must come from NOTIFY and due-time timers
      ...overrides,
    });
    loops.push(loop);
    return loop;
  };

  const append = async (inputs: AgreementRecordInput[]) => {
    const recordIds: string[] = [];
    for (const input of inputs)
      recordIds.push((await ds.transaction((tx) => appendRecord(tx, input))).recordId);
    return recordIds;
  };

  const control = (faults: Record<string, number>) =>
    fetch(`${standin.url}/_control`, { method: 'POST', body: JSON.stringify(faults) }).then((r) =>
      r.json(),
    );

  const allDelivered = (expected: number) =>
    waitFor(
      async () => {
        const rows: Array<{ n: string }> = await ds.query(
          `SELECT count(*) AS n FROM dispatch_records WHERE status = 'DELIVERED'`,
        );
        return Number(rows[0]!.n) === expected;
      },
      { timeoutMs: 30_000, what: `${expected} records delivered` },
    );

  beforeAll(async () => {
    logs = captureLogs();
    ({ env, ds } = await openDispatchDatabase('dispatch_delivery'));
    standin = await startProvinceStandin({ port: 0, secret: SECRET });
    log = new RecordLogRepository(ds);
    for (let g = 0; g < 200; g++) ids.add(`graduate-${g}`, idNumberFor(g));
  });
  afterEach(async () => {
    await Promise.all(loops.splice(0).map((l) => l.stop()));
  });
  afterAll(async () => {
    await standin?.close();
    await ds?.destroy();
    await env?.dispose();
    logs.restore();
  });
  beforeEach(async () => {
    await ds.query(`TRUNCATE dispatch_records`);
    await fetch(`${standin.url}/_reset`, { method: 'POST' });
  });

  it('delivers every record exactly once and in order through failures, drops and lost answers', async () => {
    await control({ failFirst: 6, failStatus: 503, dropConnections: 5, dropResponses: 5 });
    await newLoop().start();
    // Appended while the loop runs, interleaved across graduates, as approvals arrive.
    const recordIds = await append(storyInputs(30));
    await allDelivered(90);
    expect(acceptedExactlyOnceInOrder(standin, recordIds)).toEqual([]);
    const { stats } = standin.state;
    expect(stats.refused['503']).toBe(6);
    expect(stats.droppedConnections).toBe(5);
    expect(stats.droppedResponses).toBe(5);
    // Each lost answer made a resend that the province answered as a repeat.
    expect(stats.duplicates).toBeGreaterThanOrEqual(5);
    // The ID number reached the province in full.
    const first = standin.state.accepted.find(
      (a) => a.record.studentNo === employmentInput(7, 1).graduate.studentNo,
    );
    expect(first?.record.idNumber).toBe(idNumberFor(7));
  });

  it('sends each graduate’s waiting records in sequence, the next only after the previous was accepted', async () => {
    // All three records of every graduate wait before delivery starts, appended graduate by
    // graduate (1, 2, 3 side by side in the log), so a claim that took any undelivered record, not
    // only a graduate's lowest, would have 2 and 3 in flight beside 1.
    const byGraduate = storyInputs(20);
    const sideBySide = byGraduate
      .map((input, i) => ({ input, graduate: i % 20, step: Math.floor(i / 20) }))
      .sort((a, b) => a.graduate - b.graduate || a.step - b.step)
      .map((x) => x.input);
    const recordIds = await append(sideBySide);
    await newLoop().start();
    await waitFor(
      async () => {
        const m = await log.backlogMetrics();
        return m.delivering === 0 && m.pending === m.blockedByDead;
      },
      { what: 'nothing left to send' },
    );
    const { stats } = standin.state;
    expect(stats.refused).toEqual({});
    expect(acceptedExactlyOnceInOrder(standin, recordIds)).toEqual([]);
    // Not put right by the province's refusals: no attempt was refused (409 OUT_OF_ORDER or
    // SEQUENCE_TAKEN, above), none was sent while one of the same graduate was in hand, none repeated.
    expect(stats.overlappingPerGraduate).toBe(0);
    expect(stats.requests).toBe(60);
    const rows: Array<{ attempts: number }> = await ds.query(
      `SELECT attempts FROM dispatch_records`,
    );
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it('survives a province that answers after the timeout, then recovers', async () => {
    const recordIds = await append(storyInputs(10));
    await control({ delayMs: 700 }); // beyond the 400 ms timeout: every attempt "fails", some are accepted
    await newLoop().start();
    await waitFor(() => standin.state.stats.requests >= 16, { what: 'slow attempts' });
    await control({ delayMs: 60 }); // slow but in time
    await allDelivered(30);
    expect(acceptedExactlyOnceInOrder(standin, recordIds)).toEqual([]);
    expect(standin.state.stats.duplicates).toBeGreaterThan(0);
    const rows: Array<{ max: number }> = await ds.query(
      `SELECT max(attempts) AS max FROM dispatch_records`,
    );
    expect(rows[0]!.max).toBeGreaterThan(1);
  });

  it('marks a record refused for its signature DEAD with the answer, holding the graduate’s next one', async () => {
    const [first, second] = await append(storyInputs(1).slice(0, 2));
    const wrong = newLoop({ secret: 'not-the-shared-secret' });
    await wrong.start();
    await waitFor(async () => (await log.getRecord(first!))?.status === 'DEAD', {
      what: 'record dead',
    });
    await sleep(200);
    const dead = await log.getRecord(first!);
    expect(dead).toMatchObject({ status: 'DEAD', attempts: 1 });
    expect(dead?.lastError).toMatch(/^HTTP 401: BAD_SIGNATURE/);
    expect(dead?.lastResponse).toMatchObject({ code: 'BAD_SIGNATURE' });
    expect((await log.getRecord(second!))?.status).toBe('PENDING');
    expect(await log.backlogMetrics()).toMatchObject({ dead: 1, pending: 1, blockedByDead: 1 });
    expect(standin.state.stats.requests).toBe(1);
    await wrong.stop();

    // Fixed (here: the right secret), an operator replays it; the held record follows.
    await newLoop().start();
    expect(await log.replay(first!)).toEqual({ replayed: true, status: 'DEAD' });
    await allDelivered(2);
    expect(acceptedExactlyOnceInOrder(standin, [first!, second!])).toEqual([]);
  });

  it('marks a record the province rejects (422) DEAD with the reason, and a replay delivers it', async () => {
    const [recordId] = await append([employmentInput(40, 1)]);
    await control({ rejectNext: 1 });
    await newLoop().start();
    await waitFor(async () => (await log.getRecord(recordId!))?.status === 'DEAD', {
      what: 'record dead',
    });
    const dead = await log.getRecord(recordId!);
    expect(dead?.lastError).toBe('HTTP 422: INJECTED_REJECTION rejection injected by /_control');
    expect(dead?.lastResponse).toEqual({
      code: 'INJECTED_REJECTION',
      reason: 'rejection injected by /_control',
    });
    await log.replay(recordId!);
    await allDelivered(1);
    expect(standin.state.accepted).toHaveLength(1);
  });

  it('gives up after the maximum attempts on an upstream that keeps failing', async () => {
    const [recordId] = await append([employmentInput(41, 1)]);
    await control({ failFirst: 100, failStatus: 429 });
    await newLoop({ maxAttempts: 3 }).start();
    await waitFor(async () => (await log.getRecord(recordId!))?.status === 'DEAD', {
      what: 'record dead',
    });
    expect(await log.getRecord(recordId!)).toMatchObject({
      attempts: 3,
      lastError: 'HTTP 429: INJECTED_FAILURE failure injected by /_control',
    });
    expect(standin.state.stats.requests).toBe(3);
  });

  it('loses and doubles nothing when the loop dies mid-delivery and another takes over', async () => {
    const recordIds = await append(storyInputs(40));
    await control({ delayMs: 150 });
    // A long lease: the takeover must come from the dead owner's lock going away, not from expiry.
    const crashing = newLoop({ leaseMs: 120_000 });
    await crashing.start();
    await waitFor(() => standin.state.accepted.length >= 20, { what: 'some records accepted' });
    await crashing.halt(); // requests in flight are abandoned; some of them the province still accepts
    const inFlightAtCrash: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM dispatch_records WHERE status = 'DELIVERING'`,
    );
    expect(Number(inFlightAtCrash[0]!.n)).toBeGreaterThan(0);
    await control({ delayMs: 0 });

    const started = Date.now();
    await newLoop({ leaseMs: 120_000 }).start();
    await allDelivered(120);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(acceptedExactlyOnceInOrder(standin, recordIds)).toEqual([]);
  });

  it('leaves another live loop’s claim alone until its lease runs out', async () => {
    const [recordId] = await append([employmentInput(42, 1)]);
    // Another loop, alive (its owner lock is held), claimed the record with a 1.5 s lease.
    const other = new pg.Client({ connectionString: env.databaseUrl });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1, 4242)', [OWNER_LOCK_NS]);
      await ds.query(
        `UPDATE dispatch_records SET status = 'DELIVERING', attempts = 1, claim_token = gen_random_uuid(),
                claimed_by = 4242, lease_until = now() + interval '1500 milliseconds' WHERE id = $1`,
        [recordId],
      );
      const started = Date.now();
      await newLoop().start();
      await sleep(700);
      expect(standin.state.stats.requests).toBe(0);
      await allDelivered(1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
      expect(await log.getRecord(recordId!)).toMatchObject({ status: 'DELIVERED', attempts: 2 });
    } finally {
      await other.end();
    }
  });

  it('lets replicas share the work without ever sending one graduate’s records concurrently', async () => {
    await control({ delayMs: 5 });
    const a = newLoop({ concurrency: 4 });
    const b = newLoop({ concurrency: 4 });
    await Promise.all([a.start(), b.start()]);
    const recordIds = await append(storyInputs(50, 100));
    await allDelivered(150);
    expect(acceptedExactlyOnceInOrder(standin, recordIds)).toEqual([]);
    expect(standin.state.stats.overlappingPerGraduate).toBe(0);
    expect(standin.state.stats.duplicates).toBe(0);
    expect(a.stats.delivered + b.stats.delivered).toBe(150);
    expect(a.stats.delivered).toBeGreaterThan(0);
    expect(b.stats.delivered).toBeGreaterThan(0);
    await Promise.all([a.stop(), b.stop()]);
    const left: Array<{ n: string }> = await ds.query(
      `SELECT count(*) AS n FROM dispatch_records WHERE status <> 'DELIVERED'`,
    );
    expect(Number(left[0]!.n)).toBe(0);
  });

  it('keeps the full ID number out of its tables and its logs', async () => {
    await control({ failFirst: 2, rejectNext: 1 });
    await append(storyInputs(5, 150));
    await newLoop().start();
    await waitFor(
      async () => {
        const m = await log.backlogMetrics();
        return m.dead === 1 && m.delivering === 0 && m.pending === m.blockedByDead;
      },
      { what: 'all delivered but the rejected one and those behind it' },
    );
    const everything: Array<{ t: string }> = await ds.query(
      `SELECT row_to_json(r)::text AS t FROM dispatch_records r`,
    );
    const text = everything.map((r) => r.t).join('\n') + logs.lines.join('\n');
    for (const idNumber of ids.all()) expect(text).not.toContain(idNumber);
    expect(logs.lines.some((l) => l.includes('will retry'))).toBe(true);
  });
});
