import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { defineEvent, type EventEnvelope } from '@netsign/contracts';
import {
  BusNames,
  createMessagingTables,
  dropMessagingTables,
  EventConsumer,
  OutboxRelay,
  publishEvent,
  type EventHandlerFn,
} from '@netsign/messaging';
import { createServiceDataSource, migrateServiceSchema } from '@netsign/persistence';
import { createTestEnv, EventProbe, sleep, waitFor, type TestEnv } from '../src/index.js';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { z } from 'zod';

/**
 * The backbone's guarantees, against the machine's real Postgres and JetStream:
 * (a) a committed event survives the death of its service before the relay ran;
 * (b) a rolled-back transaction publishes nothing;
 * (c) a consumer dying after its effect but before its ack does not apply the effect twice,
 *     whether the redelivered event comes back in a batch or on its own (the single-event path,
 *     which also serves operators' replays: replaying an applied event is a duplicate);
 * (d) two instances of one consumer share the work with no double processing;
 * (e) events that queue up are applied several to a transaction, and one failing event in such a
 *     batch costs the others nothing: each is still applied exactly once, in stream order;
 * (f) a publish lost in the middle of the relay's batch (as when a stream leader dies under it)
 *     leaves no later event ahead of it on the stream: the stream keeps the commit order;
 * (g) an `ordered` consumer whose first attempt at an event fails applies nothing after it until
 *     that event is applied: stream order survives redelivery.
 * Each case builds its own world (bus namespace, relay, events, effects table), so any case runs
 * alone (`-t`) and no case depends on another's events.
 */
const probeRecorded = defineEvent({
  service: 'signing',
  entity: 'probe',
  verb: 'recorded',
  version: 1,
  payload: z.object({ n: z.number().int() }),
});

class BackboneProbe1764280000001 implements MigrationInterface {
  async up(r: QueryRunner) {
    await createMessagingTables(r);
  }
  async down(r: QueryRunner) {
    await dropMessagingTables(r);
  }
}

/** One case's private namespace on the shared database and NATS server. */
interface World {
  names: BusNames;
  /** Its effects table: no unique key on purpose, so a double application shows up as a second row. */
  effects: string;
  probe: EventProbe;
  /**
   * A relay started on demand (the "service" whose outbox this world's events leave through).
   * `losePublish: k`: its k-th publish is lost on the way (never reaches the server).
   */
  startRelay(options?: { losePublish?: number }): Promise<OutboxRelay>;
  /** Commits one event through the outbox. */
  record(n: number): Promise<EventEnvelope<{ n: number }>>;
  /** Waits until this world's outbox is empty and the probe saw `count` events. */
  published(count: number): Promise<void>;
}

describe('message backbone', () => {
  let env: TestEnv;
  let ds: DataSource;
  let jsm: JetStreamManager;
  /** Everything a case opened, closed after it (in reverse order), pass or fail. */
  let cleanups: Array<() => Promise<unknown>> = [];
  const cleanupsAll: Array<() => Promise<unknown>> = [];

  const world = async (label: string): Promise<World> => {
    const names = new BusNames(`${env.busPrefix}_${label}`);
    const effects = `effects_${label}`;
    await ds.query(
      `CREATE TABLE ${effects} (event_id uuid NOT NULL, n int NOT NULL, instance text NOT NULL)`,
    );
    const probe = await EventProbe.start(env.vars['NATS_URL']!, names.prefix, 'signing');
    cleanups.push(() => probe.stop());
    const nc = await connect({ servers: env.vars['NATS_URL'] });
    cleanups.push(() => nc.close());
    let relay: OutboxRelay | null = null;
    return {
      names,
      effects,
      probe,
      async startRelay({ losePublish } = {}) {
        const real = jetstream(nc);
        let publishes = 0;
        const js: typeof real = losePublish
          ? Object.assign(Object.create(real) as typeof real, {
              publish: (...args: Parameters<typeof real.publish>) =>
                ++publishes === losePublish
                  ? Promise.reject(new Error('publish lost on the way (test)'))
                  : real.publish(...args),
            })
          : real;
        relay = new OutboxRelay({
          dataSource: ds,
          databaseUrl: env.databaseUrl,
          schema: 'signing',
          js,
          names,
          sweepMs: 60_000, // long: delivery must come from the commit hook, not from the sweep
        });
        const started = relay;
        cleanups.push(() => started.stop());
        await relay.start();
        return relay;
      },
      record: (n) =>
        ds.transaction((tx) =>
          publishEvent(tx, probeRecorded, { aggregateId: `agg-${n}`, payload: { n } }),
        ),
      async published(count) {
        await waitFor(async () => relay !== null && (await relay.backlog()) === 0, {
          what: 'outbox drained',
        });
        await waitFor(() => probe.events.length >= count, {
          what: `${count} events on the stream`,
        });
        expect(probe.events).toHaveLength(count);
      },
    };
  };

  const newConsumer = async (
    w: World,
    name: string,
    instance: string,
    conn: NatsConnection,
    afterCommit?: (e: EventEnvelope) => Promise<void>,
    options: { batchSize?: number; handle?: EventHandlerFn; ordered?: boolean } = {},
  ) => {
    const handle: EventHandlerFn =
      options.handle ??
      (async (event, tx) => {
        await tx.query(`INSERT INTO ${w.effects} (event_id, n, instance) VALUES ($1, $2, $3)`, [
          event.id,
          (event.payload as { n: number }).n,
          instance,
        ]);
      });
    const consumer = new EventConsumer(
      {
        name,
        concurrency: 1,
        ...(options.batchSize ? { batchSize: options.batchSize } : {}),
        ...(options.ordered ? { ordered: true } : {}),
        handlers: [{ contract: probeRecorded, handle }],
      },
      {
        service: 'review',
        dataSource: ds,
        js: jetstream(conn),
        jsm: await jetstreamManager(conn),
        names: w.names,
        ackWaitMs: 1_500,
        maxDeliver: 5,
        replicas: 1,
        afterCommit,
      },
    );
    await consumer.start();
    return consumer;
  };

  const connection = async () => {
    const conn = await connect({ servers: env.vars['NATS_URL'] });
    cleanups.push(() => conn.close());
    return conn;
  };

  const drained = (w: World, durable: string, timeoutMs = 20_000) =>
    waitFor(
      async () => {
        const info = await jsm.consumers.info(
          w.names.stream('signing'),
          w.names.durable('review', durable),
        );
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      { what: `every event acked by ${durable}`, timeoutMs },
    );

  const effectsPerEvent = async (w: World): Promise<Array<[number, number]>> => {
    const rows: Array<{ n: number; c: string }> = await ds.query(
      `SELECT n, count(*) AS c FROM ${w.effects} GROUP BY n ORDER BY n`,
    );
    return rows.map((r) => [r.n, Number(r.c)]);
  };

  beforeAll(async () => {
    env = await createTestEnv('backbone');
    ds = createServiceDataSource({
      url: env.databaseUrl,
      schema: 'signing',
      entities: [],
      migrations: [BackboneProbe1764280000001],
    });
    await ds.initialize();
    await migrateServiceSchema(ds, 'signing');
    const admin = await connect({ servers: env.vars['NATS_URL'] });
    cleanupsAll.push(() => admin.close());
    jsm = await jetstreamManager(admin);
  });

  afterEach(async () => {
    for (const close of cleanups.reverse()) await close().catch(() => undefined);
    cleanups = [];
  });

  afterAll(async () => {
    for (const close of cleanupsAll) await close().catch(() => undefined);
    await ds?.destroy();
    await env?.dispose();
  });

  it('(a) delivers an event committed while no relay ran, once a relay starts', async () => {
    const w = await world('a');
    // The service "died" right after committing: the row is in the outbox, nothing published.
    const committed = await w.record(1);
    await sleep(500);
    expect(w.probe.events.find((e) => e.id === committed.id)).toBeUndefined();

    const relay = await w.startRelay(); // the restarted service
    const delivered = await waitFor(() => w.probe.events.find((e) => e.id === committed.id), {
      what: 'the committed event',
    });
    expect(delivered).toMatchObject({
      type: 'signing.probe.recorded',
      version: 1,
      payload: { n: 1 },
    });
    await waitFor(async () => (await relay.backlog()) === 0, { what: 'outbox marked published' });
  });

  it('(f) a publish lost mid-batch leaves no later event ahead of it on the stream', async () => {
    const w = await world('f');
    // Committed while no relay ran, so that the relay's first batch carries all twenty.
    const committed: Array<EventEnvelope<{ n: number }>> = [];
    for (let n = 1; n <= 20; n++) committed.push(await w.record(n));
    await w.startRelay({ losePublish: 5 });
    await w.published(20);
    expect(w.probe.events.map((e) => e.id)).toEqual(committed.map((e) => e.id));
  });

  it.each([
    ['an ordered consumer keeps', true],
    ['an unordered one does not keep (the control)', false],
  ])('(g) %s stream order when an event fails and is redelivered', async (_what, ordered) => {
    const w = await world(ordered ? 'g_ordered' : 'g_unordered');
    for (let n = 1; n <= 5; n++) await w.record(n);
    await w.startRelay();
    await w.published(5);
    const committed: number[] = [];
    let failedOnce = false;
    await newConsumer(
      w,
      'g',
      'g1',
      await connection(),
      async (e) => {
        committed.push((e.payload as { n: number }).n);
      },
      {
        batchSize: 1,
        ordered,
        handle: async (event, tx) => {
          const { n } = event.payload as { n: number };
          // The first attempt at event 1 fails (as when its process dies holding it).
          if (n === 1 && !failedOnce) {
            failedOnce = true;
            throw new Error('first attempt fails (test)');
          }
          await tx.query(`INSERT INTO ${w.effects} (event_id, n, instance) VALUES ($1, $2, 'g1')`, [
            event.id,
            n,
          ]);
        },
      },
    );
    await waitFor(() => committed.length === 5, { what: 'five events applied' });
    expect([...committed].sort()).toEqual([1, 2, 3, 4, 5]);
    if (ordered) expect(committed).toEqual([1, 2, 3, 4, 5]);
    // Unordered, the later events went ahead while event 1 waited for its retry.
    else expect(committed[0]).not.toBe(1);
  });

  it('(b) publishes nothing for a rolled-back transaction', async () => {
    const w = await world('b');
    await w.startRelay();
    let rolledBackId = '';
    await expect(
      ds.transaction(async (tx) => {
        rolledBackId = (
          await publishEvent(tx, probeRecorded, { aggregateId: 'agg-x', payload: { n: 2 } })
        ).id;
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    const after = await w.record(3);
    await waitFor(() => w.probe.events.find((e) => e.id === after.id), {
      what: 'the committed event',
    });
    await sleep(300);
    expect(w.probe.events.map((e) => e.id)).toEqual([after.id]);
    const rows: unknown[] = await ds.query(`SELECT 1 FROM outbox WHERE id = $1`, [rolledBackId]);
    expect(rows).toHaveLength(0);
  });

  // The restarted consumer takes the redelivered event either together with the later one (one
  // transaction, `applyAll`) or on its own (`apply`: the usual path under light traffic, after a
  // failed batch, and for operators' replays).
  it.each([
    ['in a batch', 'c_batch', undefined],
    ['on its own (batchSize 1)', 'c_single', 1],
  ])(
    '(c) a consumer that dies after its effect and before its ack does not apply it twice: redelivered %s',
    async (_path, label, restartBatchSize) => {
      const w = await world(label);
      await w.startRelay();
      const first = await w.record(1);
      const second = await w.record(2);
      await w.published(2);

      const doomed = await connect({ servers: env.vars['NATS_URL'] });
      let hung = false;
      // Effect committed, then the process "dies": it never acks and its connection goes away.
      // One event to a transaction here, so the first instance applies exactly one before dying.
      await newConsumer(
        w,
        'crash-probe',
        'first',
        doomed,
        async () => {
          hung = true;
          await new Promise(() => undefined);
        },
        { batchSize: 1 },
      );
      await waitFor(() => hung, { what: 'first delivery committed' });
      await doomed.close();
      expect(await effectsPerEvent(w)).toEqual([[1, 1]]); // the first event, applied; the consumer then hung

      const survivor = await connection();
      const restarted = await newConsumer(w, 'crash-probe', 'second', survivor, undefined, {
        ...(restartBatchSize ? { batchSize: restartBatchSize } : {}),
      });
      cleanups.push(() => restarted.stop());
      await drained(w, 'crash-probe');
      // Event 1 once (by the first instance), event 2 once (by the restarted one).
      expect(await effectsPerEvent(w)).toEqual([
        [1, 1],
        [2, 1],
      ]);
      const byInstance: Array<{ n: number; instance: string }> = await ds.query(
        `SELECT n, instance FROM ${w.effects} ORDER BY n`,
      );
      expect(byInstance).toEqual([
        { n: 1, instance: 'first' },
        { n: 2, instance: 'second' },
      ]);

      // An operator replays events that were already applied: each answers "duplicate".
      const subject = probeRecorded.subject;
      await expect(restarted.replay(JSON.stringify(first), subject)).resolves.toBe('duplicate');
      await expect(restarted.replay(JSON.stringify(second), subject)).resolves.toBe('duplicate');
      expect(await effectsPerEvent(w)).toEqual([
        [1, 1],
        [2, 1],
      ]);
    },
  );

  it('(d) two instances of one consumer share the work without processing anything twice', async () => {
    const w = await world('d');
    await w.startRelay();
    for (let i = 0; i < 200; i++) await w.record(1000 + i);
    await w.published(200);

    const instances = [
      await newConsumer(w, 'shared-probe', 'd1', await connection()),
      await newConsumer(w, 'shared-probe', 'd2', await connection()),
    ];
    for (const c of instances) cleanups.push(() => c.stop());
    await drained(w, 'shared-probe', 30_000);
    await sleep(1_000); // any double delivery would land by now
    const rows: Array<{ instance: string; total: string; distinct: string }> = await ds.query(
      `SELECT instance, count(*) AS total, count(DISTINCT event_id) AS distinct FROM ${w.effects} GROUP BY instance`,
    );
    const all: Array<{ total: string; distinct: string }> = await ds.query(
      `SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM ${w.effects}`,
    );
    expect(Number(all[0]!.total)).toBe(200);
    expect(Number(all[0]!.distinct)).toBe(200);
    // Both instances took a share of the work.
    expect(rows.map((r) => r.instance).sort()).toEqual(['d1', 'd2']);
    for (const r of rows) expect(Number(r.total)).toBeGreaterThan(0);
  });

  it('(e) applies queued events several to a transaction; a failing one costs the others nothing', async () => {
    const w = await world('e');
    await ds.query(
      `CREATE TABLE batch_effects (event_id uuid NOT NULL, n int NOT NULL, txid bigint NOT NULL, seq bigserial)`,
    );
    await w.startRelay();
    const published: number[] = [];
    for (let i = 0; i < 40; i++) {
      await w.record(5000 + i);
      published.push(5000 + i);
    }
    await w.published(40);
    let failed = false;
    const handle: EventHandlerFn = async (event, tx) => {
      const n = (event.payload as { n: number }).n;
      if (n === 5017 && !failed) {
        failed = true;
        throw new Error('transient failure of one event');
      }
      await tx.query(
        `INSERT INTO batch_effects (event_id, n, txid) VALUES ($1, $2, txid_current())`,
        [event.id, n],
      );
    };
    const consumer = await newConsumer(w, 'batch-probe', 'e', await connection(), undefined, {
      handle,
    });
    cleanups.push(() => consumer.stop());
    await drained(w, 'batch-probe', 30_000);
    await sleep(1_000); // a double application would land by now
    const rows: Array<{ n: number; txid: string }> = await ds.query(
      `SELECT n, txid FROM batch_effects ORDER BY seq`,
    );
    expect(failed).toBe(true);
    expect(rows.map((r) => r.n).sort()).toEqual(published); // each exactly once
    // The events before the failing one were applied in stream order.
    const before = rows.map((r) => r.n).filter((n) => n < 5017);
    expect(before).toEqual([...before].sort());
    // Fewer transactions than events: they were batched.
    expect(new Set(rows.map((r) => r.txid)).size).toBeLessThan(published.length);
  });
});
