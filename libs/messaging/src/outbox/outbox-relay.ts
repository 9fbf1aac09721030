import type { JetStreamClient } from '@nats-io/jetstream';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import { OUTBOX_WRITTEN } from './publish-event.js';
import { preparedQuery, quoteIdent } from '@netsign/persistence';
import type { BusNames } from '../bus-names.js';

export interface OutboxRelayOptions {
  dataSource: DataSource;
  databaseUrl: string;
  schema: string;
  js: JetStreamClient;
  names: BusNames;
  sweepMs: number;
  batchSize?: number;
}

interface OutboxRow {
  id: string;
  subject: string;
  /** As stored (jsonb rendered as text): published without a parse and re-serialisation. */
  envelope: string;
}

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id, then marks them.
 * Woken right after a local transaction that wrote the outbox commits (a TypeORM commit hook);
 * a replica that is not the leader passes the wake-up on with a NOTIFY sent outside any business
 * transaction; a slow safety sweep catches anything else. It never busy-polls. One relay per
 * schema publishes at a time (a session advisory lock), so events leave in commit order; the
 * others stand by and take over if the leader's connection goes.
 */
export class OutboxRelay {
  private readonly logger = new Logger('OutboxRelay');
  private listener: pg.Client | null = null;
  private leader = false;
  private running = false;
  private inFlight: Promise<void> | null = null;
  private rerun = false;
  private sweep: NodeJS.Timeout | null = null;
  private failures = 0;
  private retry: NodeJS.Timeout | null = null;
  private readonly batchSize: number;
  private readonly channel: string;

  constructor(private readonly options: OutboxRelayOptions) {
    this.batchSize = options.batchSize ?? 256;
    this.channel = `outbox_${options.schema}`;
  }

  async start(): Promise<void> {
    this.running = true;
    this.options.dataSource.subscribers.push(this.commitHook);
    await this.connectListener();
    this.sweep = setInterval(() => this.kick(), this.options.sweepMs);
    this.sweep.unref();
    this.kick();
  }

  /** Stops waking up and waits for the batch in flight to be published and marked. */
  async stop(): Promise<void> {
    this.running = false;
    const hooks = this.options.dataSource.subscribers;
    if (hooks.includes(this.commitHook)) hooks.splice(hooks.indexOf(this.commitHook), 1);
    if (this.sweep) clearInterval(this.sweep);
    if (this.retry) clearTimeout(this.retry);
    await this.inFlight;
    const listener = this.listener;
    this.listener = null;
    this.leader = false;
    await listener?.end().catch(() => undefined);
  }

  /** Unpublished events (for health and metrics). */
  async backlog(): Promise<number> {
    const rows: Array<{ n: string }> = await this.options.dataSource.query(
      `SELECT count(*) AS n FROM outbox WHERE published_at IS NULL`,
    );
    return Number(rows[0]?.n ?? 0);
  }

  private readonly commitHook: EntitySubscriberInterface = {
    afterTransactionCommit: (event: TransactionCommitEvent) => {
      const data = event.queryRunner.data as Record<string, unknown>;
      if (!data?.[OUTBOX_WRITTEN] || event.queryRunner.isTransactionActive) return;
      data[OUTBOX_WRITTEN] = false;
      if (this.leader) this.kick();
      else this.wakeLeader();
    },
  };
  private wakePending = false;

  /** Tells the leading replica (another process) that rows are waiting. Coalesced. */
  private wakeLeader(): void {
    if (this.wakePending || !this.listener) return;
    this.wakePending = true;
    this.listener
      .query('SELECT pg_notify($1, $2)', [this.channel, ''])
      .catch((err: unknown) => this.logger.warn({ err }, 'could not wake the outbox leader'))
      .finally(() => {
        this.wakePending = false;
      });
  }

  kick(): void {
    if (!this.running) return;
    if (this.inFlight) {
      this.rerun = true;
      return;
    }
    this.inFlight = this.drain()
      .then(() => {
        this.failures = 0;
      })
      .catch((err: unknown) => {
        this.failures++;
        const delay = Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
        this.logger.warn({ err, delay }, 'outbox relay failed; retrying');
        if (this.running && !this.retry) {
          this.retry = setTimeout(() => {
            this.retry = null;
            this.kick();
          }, delay);
          this.retry.unref();
        }
      })
      .finally(() => {
        this.inFlight = null;
        if (this.rerun) {
          this.rerun = false;
          this.kick();
        }
      });
  }

  private async drain(): Promise<void> {
    if (!this.listener) await this.connectListener();
    if (!this.leader) await this.tryLead();
    if (!this.leader) return;
    while (this.running && (await this.publishBatch()) === this.batchSize) {
      // a full batch: there may be more
    }
  }

  private async publishBatch(): Promise<number> {
    const { dataSource, js, names } = this.options;
    const rows = await preparedQuery<OutboxRow>(
      dataSource,
      'outbox-relay-next',
      `SELECT id, subject, envelope::text AS envelope FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1`,
      [this.batchSize],
    );
    if (rows.length === 0) return 0;
    // Sent back to back on one connection, acks awaited together. Each row after the first is
    // stored only right behind the row before it (Nats-Expected-Last-Msg-Id): when one publish is
    // lost (a stream leader dying mid-batch), the rows behind it are refused instead of stored
    // ahead of it, and the retry below sends them again in order. A row already stored is
    // acknowledged as a duplicate before its expectation is checked, so a resend never jams.
    const acks = await Promise.allSettled(
      rows.map((row, i) =>
        js.publish(names.subject(row.subject), row.envelope, {
          msgID: row.id,
          ...(i > 0 ? { expect: { lastMsgID: rows[i - 1]!.id } } : {}),
        }),
      ),
    );
    const firstFailure = acks.findIndex((a) => a.status === 'rejected');
    const published = firstFailure === -1 ? rows : rows.slice(0, firstFailure);
    if (published.length > 0) {
      await preparedQuery(
        dataSource,
        'outbox-relay-mark',
        `UPDATE outbox SET published_at = now() WHERE id = ANY($1::uuid[])`,
        [published.map((r) => r.id)],
      );
    }
    if (firstFailure !== -1) throw (acks[firstFailure] as PromiseRejectedResult).reason;
    return rows.length;
  }

  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `${this.options.schema}-outbox-relay`,
    });
    client.on('notification', () => this.kick());
    client.on('error', (err) => {
      this.logger.warn({ err }, 'outbox listener connection lost');
      if (this.listener === client) {
        this.listener = null;
        this.leader = false;
      }
    });
    await client.connect();
    await client.query(`LISTEN ${quoteIdent(this.channel)}`);
    this.listener = client;
  }

  private async tryLead(): Promise<void> {
    if (!this.listener) return;
    const res = await this.listener.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_lock(hashtext($1)) AS ok',
      [`outbox-relay:${this.options.schema}`],
    );
    this.leader = res.rows[0]?.ok === true;
  }
}
