import { randomInt } from 'node:crypto';
import { Logger } from '@nestjs/common';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { quoteIdent } from '@netsign/persistence';
import { DeliveryClaims, OWNER_LOCK_NS, type ClaimedRecord } from './delivery-claims.repository.js';
import { OutcomeWriter } from './outcome-writer.js';
import { sendRecord, type ProvinceClientOptions } from './province-client.js';
import { decide, type RetryPolicy } from './retry-policy.js';

export interface DispatchDeliveryOptions {
  dataSource: DataSource;
  databaseUrl: string;
  schema: string;
  provinceUrl: string;
  secret: string;
  resolveIdNumber: (graduateId: string) => Promise<string>;
  concurrency?: number;
  requestTimeoutMs?: number;
  resolveTimeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** How long a claim stands without an outcome; must exceed resolve + request timeouts. */
  leaseMs?: number;
  /** Safety wake-up: a missed NOTIFY, or another replica that died holding claims. */
  sweepMs?: number;
}

export interface DeliveryStats {
  attempts: number;
  delivered: number;
  retried: number;
  dead: number;
}

/** A due head found but skipped (another replica is claiming it): look again shortly, not at once. */
const MIN_WAKE_MS = 25;

/**
 * Delivers the record log to the province. Woken by NOTIFY from appendRecord/replay and by a
 * timer set to the next due retry; never polls in a loop. Claims due heads (one per graduate,
 * see DeliveryClaims) and sends up to `concurrency` of them at once, so graduates proceed in
 * parallel while each one's records leave strictly in sequence.
 *
 * Replicas: a claim is a committed DELIVERING state with a lease and the claimant's owner lock
 * (a session advisory lock on this loop's LISTEN connection). Others skip it until the lease runs
 * out or the lock disappears with the process. If a slow claimant is taken over, the same record
 * may go out twice — the province's idempotency by recordId absorbs that — but never n+1 before n
 * was accepted, since n+1 is claimable only once n is recorded DELIVERED.
 */
export class DispatchDelivery {
  private readonly logger = new Logger('DispatchDelivery');
  private readonly claims: DeliveryClaims;
  private readonly writer: OutcomeWriter;
  private readonly client: ProvinceClientOptions;
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly refillAt: number;
  private readonly leaseMs: number;
  private readonly sweepMs: number;
  private readonly channel: string;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private listener: pg.Client | null = null;
  private owner = 0;
  private running = false;
  private halted = false;
  private draining: Promise<void> | null = null;
  private kicked = false;
  private kickWaiter: { promise: Promise<void>; resolve: () => void } | null = null;
  private wake: NodeJS.Timeout | null = null;
  private failures = 0;
  readonly stats: DeliveryStats = { attempts: 0, delivered: 0, retried: 0, dead: 0 };

  constructor(private readonly options: DispatchDeliveryOptions) {
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    const resolveTimeoutMs = options.resolveTimeoutMs ?? 5_000;
    this.claims = new DeliveryClaims(options.dataSource);
    this.writer = new OutcomeWriter(this.claims);
    this.client = {
      url: options.provinceUrl,
      secret: options.secret,
      requestTimeoutMs,
      resolveTimeoutMs,
      resolveIdNumber: options.resolveIdNumber,
    };
    this.policy = {
      maxAttempts: options.maxAttempts ?? 15,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 600_000,
    };
    this.concurrency = options.concurrency ?? 16;
    // Claim again once a quarter of the slots is free: one query fills several.
    this.refillAt = this.concurrency - Math.max(1, Math.floor(this.concurrency / 4));
    this.leaseMs = options.leaseMs ?? requestTimeoutMs + resolveTimeoutMs + 30_000;
    this.sweepMs = options.sweepMs ?? 10_000;
    this.channel = `dispatch_${options.schema}`;
  }

  async start(): Promise<void> {
    if (this.halted) throw new Error('a halted delivery loop cannot restart; create a new one');
    await this.connectListener();
    this.running = true;
    this.kick();
  }

  /** Stops claiming, lets requests in flight finish and record their outcome, then lets go. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearWake();
    this.releaseWaiter();
    await this.draining;
    await Promise.allSettled([...this.inFlight]);
    await this.dropListener();
  }

  /**
   * Stops at once, as a crash would: requests in flight are aborted and nothing more is written;
   * the owner lock goes with the connection, so another loop takes over the claims right away.
   */
  async halt(): Promise<void> {
    this.halted = true;
    this.running = false;
    this.clearWake();
    this.releaseWaiter();
    this.abort.abort();
    await this.dropListener();
  }

  /** Something may be due: a new record, a replay, a timer. Cheap to call often. */
  kick(): void {
    this.kicked = true;
    this.releaseWaiter();
    if (!this.running || this.draining) return;
    this.clearWake();
    this.draining = this.drain()
      .then(async () => {
        this.failures = 0;
        if (this.running) await this.scheduleWake();
      })
      .catch((err: unknown) => {
        this.failures++;
        this.kicked = false;
        const delay = Math.min(30_000, 250 * 2 ** Math.min(this.failures, 7));
        this.logger.warn({ err, delay }, 'dispatch delivery loop failed; retrying');
        this.setWake(delay);
      })
      .finally(() => {
        this.draining = null;
        if (this.kicked && this.running) this.kick();
      });
  }

  private async drain(): Promise<void> {
    while (this.running) {
      const free = this.concurrency - this.inFlight.size;
      if (free > 0 && (this.inFlight.size <= this.refillAt || this.kicked)) {
        this.kicked = false;
        if (!this.listener) await this.connectListener();
        const claimed = await this.claims.claim(free, this.owner, this.leaseMs);
        if (this.halted) return;
        for (const record of claimed) this.launch(record);
      }
      if (this.inFlight.size === 0) {
        if (this.kicked) continue;
        return;
      }
      // A finished send frees a slot and may unblock its graduate's next record.
      await Promise.race([...this.inFlight, this.nextKick()]);
    }
  }

  private launch(record: ClaimedRecord): void {
    const task: Promise<void> = this.deliver(record)
      .catch((err: unknown) => {
        // The claim stays; its lease or the takeover of a dead owner brings the record back.
        if (!this.halted) this.logger.error({ err, recordId: record.id }, 'could not record a delivery outcome');
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  private async deliver(record: ClaimedRecord): Promise<void> {
    this.stats.attempts++;
    const result = await sendRecord(this.client, record, this.abort.signal);
    if (this.halted) return;
    const decision = decide(result, record.attempts, this.policy);
    await this.writer.write({
      id: record.id,
      claimToken: record.claimToken,
      status: decision.status,
      delayMs: decision.status === 'PENDING' ? decision.delayMs : 0,
      error: result.result === 'accepted' ? null : result.error,
      response: result.response ?? null,
    });
    const about = { recordId: record.id, graduateSequence: record.graduateSequence, attempts: record.attempts };
    if (decision.status === 'DELIVERED') {
      this.stats.delivered++;
    } else if (decision.status === 'PENDING') {
      this.stats.retried++;
      this.logger.warn({ ...about, error: (result as { error: string }).error, retryInMs: decision.delayMs }, 'dispatch record not accepted; will retry');
    } else {
      this.stats.dead++;
      this.logger.error({ ...about, error: (result as { error: string }).error }, 'dispatch record is dead; an operator may replay it');
    }
  }

  private async scheduleWake(): Promise<void> {
    const ms = await this.claims.msUntilNextDue();
    this.setWake(ms === null ? this.sweepMs : Math.min(this.sweepMs, Math.max(MIN_WAKE_MS, ms)));
  }

  private setWake(delay: number): void {
    this.clearWake();
    if (!this.running) return;
    this.wake = setTimeout(() => {
      this.wake = null;
      this.kick();
    }, delay);
    this.wake.unref();
  }

  private clearWake(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
  }

  private nextKick(): Promise<void> {
    if (!this.running) return Promise.resolve();
    if (!this.kickWaiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.kickWaiter = { promise, resolve };
    }
    return this.kickWaiter.promise;
  }

  private releaseWaiter(): void {
    const waiter = this.kickWaiter;
    this.kickWaiter = null;
    waiter?.resolve();
  }

  /** LISTEN for new work, and hold the owner lock that marks this loop's claims as alive. */
  private async connectListener(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.databaseUrl,
      application_name: `${this.options.schema}-dispatch-delivery`,
    });
    const lost = (err?: Error) => {
      if (this.listener !== client) return;
      this.listener = null;
      this.logger.warn({ err }, 'dispatch listener connection lost; claims of this loop may be taken over');
      if (this.running) this.setWake(MIN_WAKE_MS);
    };
    client.on('notification', () => this.kick());
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(this.channel)}`);
      for (;;) {
        const owner = randomInt(1, 2 ** 31 - 1);
        const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1, $2) AS ok', [OWNER_LOCK_NS, owner]);
        if (res.rows[0]?.ok) {
          this.owner = owner;
          break;
        }
      }
    } catch (err) {
      await client.end().catch(() => undefined);
      throw err;
    }
    this.listener = client;
  }

  private async dropListener(): Promise<void> {
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }
}
