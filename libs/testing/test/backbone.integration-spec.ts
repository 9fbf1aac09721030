import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
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
 * (c) a consumer dying after its effect but before its ack does not apply the effect twice;
 * (d) two instances of one consumer share the work with no double processing;
 * (e) events that queue up are applied several to a transaction, and one failing event in such a
 *     batch costs the others nothing: each is still applied exactly once, in stream order.
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
    // No unique key on purpose: a double application must show up as a second row.
    await r.query(`CREATE TABLE effects (event_id uuid NOT NULL, n int NOT NULL, instance text NOT NULL)`);
  }
  async down(r: QueryRunner) {
    await r.query(`DROP TABLE effects`);
    await dropMessagingTables(r);
  }
}

describe('message backbone', () => {
  let env: TestEnv;
  let ds: DataSource;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let jsm: JetStreamManager;
  let names: BusNames;
  let probe: EventProbe;
  const relays: OutboxRelay[] = [];

  const newRelay = () => {
    const relay = new OutboxRelay({
      dataSource: ds,
      databaseUrl: env.databaseUrl,
      schema: 'signing',
      js,
      names,
      sweepMs: 60_000, // long: delivery must come from NOTIFY, not from the sweep
    });
    relays.push(relay);
    return relay;
  };

  const record = (n: number) =>
    ds.transaction((tx) => publishEvent(tx, probeRecorded, { aggregateId: `agg-${n}`, payload: { n } }));

  const newConsumer = async (
    name: string,
    instance: string,
    conn: NatsConnection,
    afterCommit?: (e: EventEnvelope) => Promise<void>,
    options: { batchSize?: number; handle?: EventHandlerFn } = {},
  ) => {
    const handle: EventHandlerFn = options.handle ?? (async (event, tx) => {
      await tx.query(`INSERT INTO effects (event_id, n, instance) VALUES ($1, $2, $3)`, [
        event.id,
        (event.payload as { n: number }).n,
        instance,
      ]);
    });
    const consumer = new EventConsumer(
      { name, concurrency: 1, ...(options.batchSize ? { batchSize: options.batchSize } : {}), handlers: [{ contract: probeRecorded, handle }] },
      {
        service: 'review',
        dataSource: ds,
        js: jetstream(conn),
        jsm: await jetstreamManager(conn),
        names,
        ackWaitMs: 1_500,
        maxDeliver: 5,
        afterCommit,
      },
    );
    await consumer.start();
    return consumer;
  };

  beforeAll(async () => {
    env = await createTestEnv('backbone');
    ds = createServiceDataSource({ url: env.databaseUrl, schema: 'signing', entities: [], migrations: [BackboneProbe1764280000001] });
    await ds.initialize();
    await migrateServiceSchema(ds, 'signing');
    nc = await connect({ servers: env.vars['NATS_URL'] });
    js = jetstream(nc);
    jsm = await jetstreamManager(nc);
    names = new BusNames(env.busPrefix);
    probe = await EventProbe.start(env.vars['NATS_URL']!, env.busPrefix, 'signing');
  });

  afterAll(async () => {
    for (const r of relays) await r.stop();
    await probe?.stop();
    await nc?.close();
    await ds?.destroy();
    await env?.dispose();
  });

  it('(a) delivers an event committed while no relay ran, once a relay starts', async () => {
    // The service "died" right after committing: the row is in the outbox, nothing published.
    const committed = await record(1);
    await sleep(500);
    expect(probe.events.find((e) => e.id === committed.id)).toBeUndefined();

    const relay = newRelay(); // the restarted service
    await relay.start();
    const delivered = await waitFor(() => probe.events.find((e) => e.id === committed.id), {
      what: 'the committed event',
    });
    expect(delivered).toMatchObject({ type: 'signing.probe.recorded', version: 1, payload: { n: 1 } });
    await waitFor(async () => (await relay.backlog()) === 0, { what: 'outbox marked published' });
  });

  it('(b) publishes nothing for a rolled-back transaction', async () => {
    let rolledBackId = '';
    await expect(
      ds.transaction(async (tx) => {
        rolledBackId = (await publishEvent(tx, probeRecorded, { aggregateId: 'agg-x', payload: { n: 2 } })).id;
        throw new Error('business rule failed after the event was written');
      }),
    ).rejects.toThrow('business rule failed');
    const after = await record(3);
    await waitFor(() => probe.events.find((e) => e.id === after.id), { what: 'the committed event' });
    await sleep(300);
    expect(probe.events.find((e) => e.id === rolledBackId)).toBeUndefined();
    expect(probe.events.filter((e) => (e.payload as { n: number }).n === 2)).toHaveLength(0);
    const rows: unknown[] = await ds.query(`SELECT 1 FROM outbox WHERE id = $1`, [rolledBackId]);
    expect(rows).toHaveLength(0);
  });

  it('(c) a consumer that dies after its effect and before its ack does not apply it twice', async () => {
    const doomed = await connect({ servers: env.vars['NATS_URL'] });
    let hung = false;
    // Effect committed, then the process "dies": it never acks and its connection goes away.
    // One event to a transaction here, so the first instance applies exactly one before dying.
    await newConsumer('crash-probe', 'first', doomed, async () => {
      hung = true;
      await new Promise(() => undefined);
    }, { batchSize: 1 });
    await waitFor(() => hung, { what: 'first delivery committed' });
    await doomed.close();
    const firstRows: Array<{ n: string }> = await ds.query(`SELECT count(*) AS n FROM effects WHERE instance = 'first'`);
    expect(Number(firstRows[0]!.n)).toBe(1); // the first event, applied; the consumer then hung

    const survivor = await connect({ servers: env.vars['NATS_URL'] });
    const restarted = await newConsumer('crash-probe', 'second', survivor);
    const stream = names.stream('signing');
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(stream, names.durable('review', 'crash-probe'));
        return info.num_pending === 0 && info.num_ack_pending === 0;
      },
      { what: 'every event acked after restart', timeoutMs: 20_000 },
    );
    const rows: Array<{ total: string; distinct: string }> = await ds.query(
      `SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM effects`,
    );
    expect(rows[0]!.total).toBe(rows[0]!.distinct);
    expect(Number(rows[0]!.total)).toBe(2); // events n=1 (once, by the first instance) and n=3
    const byEvent: Array<{ n: number; c: string }> = await ds.query(
      `SELECT n, count(*) AS c FROM effects GROUP BY n ORDER BY n`,
    );
    expect(byEvent.map((r) => [r.n, Number(r.c)])).toEqual([[1, 1], [3, 1]]);
    await restarted.stop();
    await survivor.close();
  });

  it('(d) two instances of one consumer share the work without processing anything twice', async () => {
    await ds.query(`DELETE FROM effects`);
    const relay = relays[0]!;
    for (let i = 0; i < 200; i++) await record(1000 + i);
    await waitFor(async () => (await relay.backlog()) === 0, { what: 'all 200 published' });
    const expected = probe.ofType('signing.probe.recorded').length;
    expect(expected).toBe(202);

    const conns = [await connect({ servers: env.vars['NATS_URL'] }), await connect({ servers: env.vars['NATS_URL'] })];
    const instances = [
      await newConsumer('shared-probe', 'd1', conns[0]!),
      await newConsumer('shared-probe', 'd2', conns[1]!),
    ];
    await waitFor(
      async () => {
        const r: Array<{ n: string }> = await ds.query(`SELECT count(*) AS n FROM effects`);
        return Number(r[0]!.n) >= expected;
      },
      { what: 'all events consumed', timeoutMs: 30_000 },
    );
    await sleep(1_000); // any double delivery would land by now
    const rows: Array<{ instance: string; total: string; distinct: string }> = await ds.query(
      `SELECT instance, count(*) AS total, count(DISTINCT event_id) AS distinct FROM effects GROUP BY instance`,
    );
    const all: Array<{ total: string; distinct: string }> = await ds.query(
      `SELECT count(*) AS total, count(DISTINCT event_id) AS distinct FROM effects`,
    );
    expect(Number(all[0]!.total)).toBe(expected);
    expect(Number(all[0]!.distinct)).toBe(expected);
    // Both instances took a share of the work.
    expect(rows.map((r) => r.instance).sort()).toEqual(['d1', 'd2']);
    for (const r of rows) expect(Number(r.total)).toBeGreaterThan(0);
    for (const c of instances) await c.stop();
    for (const c of conns) await c.close();
  });

  it('(e) applies queued events several to a transaction; a failing one costs the others nothing', async () => {
    await ds.query(`CREATE TABLE batch_effects (event_id uuid NOT NULL, n int NOT NULL, txid bigint NOT NULL, seq bigserial)`);
    const relay = relays[0]!;
    const published: number[] = [];
    for (let i = 0; i < 40; i++) {
      await record(5000 + i);
      published.push(5000 + i);
    }
    await waitFor(async () => (await relay.backlog()) === 0, { what: 'all 40 published' });
    let failed = false;
    const handle: EventHandlerFn = async (event, tx) => {
      const n = (event.payload as { n: number }).n;
      if (n < 5000) return; // earlier tests' events
      if (n === 5017 && !failed) {
        failed = true;
        throw new Error('transient failure of one event');
      }
      await tx.query(`INSERT INTO batch_effects (event_id, n, txid) VALUES ($1, $2, txid_current())`, [event.id, n]);
    };
    const conn = await connect({ servers: env.vars['NATS_URL'] });
    const consumer = await newConsumer('batch-probe', 'e', conn, undefined, { handle });
    await waitFor(
      async () => {
        const r: Array<{ n: string }> = await ds.query(`SELECT count(*) AS n FROM batch_effects`);
        return Number(r[0]!.n) >= published.length;
      },
      { what: 'all 40 applied', timeoutMs: 30_000 },
    );
    await sleep(1_000); // a double application would land by now
    const rows: Array<{ n: number; txid: string }> = await ds.query(`SELECT n, txid FROM batch_effects ORDER BY seq`);
    expect(failed).toBe(true);
    expect(rows.map((r) => r.n).sort()).toEqual(published); // each exactly once
    // The events before the failing one were applied in stream order.
    const before = rows.map((r) => r.n).filter((n) => n < 5017);
    expect(before).toEqual([...before].sort());
    // Fewer transactions than events: they were batched.
    expect(new Set(rows.map((r) => r.txid)).size).toBeLessThan(published.length);
    await consumer.stop();
    await conn.close();
  });
});
