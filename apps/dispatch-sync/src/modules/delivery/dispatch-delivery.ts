import { Logger } from '@nestjs/common';
import { DeliveryClaims, type ClaimedRecord } from './delivery-claims.repository.js';
import { DeliveryListener } from './delivery-listener.js';
import { OutcomeWriter } from './outcome-writer.js';
import { WakeSignal } from './wake-signal.js';
import { sendRecord, type ProvinceClientOptions } from './province-client.js';
import { decide, type AttemptResult, type Decision, type RetryPolicy } from './retry-policy.js';

export interface DispatchDeliveryOptions {
  databaseUrl: string;
  schema: string;
  provinceUrl: string;
  secret: string;
  resolveIdNumber: (graduateId: string) => Promise<string>;
  /** Requests out at once (distinct graduates). */
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

export type DeliveryStats = Record<'attempts' | 'delivered' | 'retried' | 'dead', number>;

/** A due head found but skipped (another replica is claiming it): look again shortly, not at once. */
const MIN_WAKE_MS = 25;

/**
 * Delivers the record log to the province. Woken by NOTIFY (appendRecord, replay), by its own
 * outcomes and by a timer set to the next due retry; it never polls in a loop. It claims due heads
 * (one per graduate, see DeliveryClaims) a round ahead and keeps up to `concurrency` requests
 * out, so graduates proceed in parallel while each one's records leave strictly in sequence.
 *
 * Replicas: a claim is a committed DELIVERING state with a lease and the claimant's owner lock
 * (DeliveryListener). Others leave it alone until the lease runs out or the lock goes with the
 * process. If a slow claimant is taken over, one record may go out twice — the province's
 * idempotency by recordId absorbs that — but never n+1 before n was accepted: n+1 is claimable
 * only once n is recorded DELIVERED, which happens only after the province said 2xx to n.
 */
export class DispatchDelivery {
  private readonly logger = new Logger('DispatchDelivery');
  private readonly claims: DeliveryClaims;
  private readonly writer: OutcomeWriter;
  private readonly client: ProvinceClientOptions;
  private readonly policy: RetryPolicy;
  private readonly concurrency: number;
  private readonly holdMax: number;
  private readonly refillAt: number;
  private readonly leaseMs: number;
  private readonly sweepMs: number;
  /** Claimed, waiting for a slot: a slot that frees never waits for a claim round trip. */
  private queue: ClaimedRecord[] = [];
  /** Requests out, a slot each. */
  private readonly inFlight = new Set<Promise<void>>();
  /** Outcomes being written; they no longer hold a slot. */
  private readonly writing = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private listener: DeliveryListener | null = null;
  private running = false;
  private halted = false;
  private stopped = false;
  private draining: Promise<void> | null = null;
  private kicked = false;
  private readonly kickSignal = new WakeSignal();
  private wake: NodeJS.Timeout | null = null;
  private failures = 0;
  /** Take orphaned claims back on the next drain (at start and on every timer wake-up). */
  private reapDue = true;
  readonly stats: DeliveryStats = { attempts: 0, delivered: 0, retried: 0, dead: 0 };

  constructor(private readonly options: DispatchDeliveryOptions) {
    const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
    const resolveTimeoutMs = options.resolveTimeoutMs ?? 5_000;
    this.claims = DeliveryClaims.open(options.databaseUrl, options.schema, (err) =>
      this.logger.warn({ err }, 'idle dispatch database connection failed'),
    );
    this.writer = new OutcomeWriter(this.claims);
    const { provinceUrl: url, secret, resolveIdNumber } = options;
    this.client = { url, secret, requestTimeoutMs, resolveTimeoutMs, resolveIdNumber };
    this.policy = {
      maxAttempts: options.maxAttempts ?? 15,
      baseDelayMs: options.baseDelayMs ?? 1_000,
      maxDelayMs: options.maxDelayMs ?? 600_000,
    };
    this.concurrency = options.concurrency ?? 16;
    // Hold up to `concurrency` requests out plus two rounds claimed ahead; claim again when a
    // round is used, so a freed slot never waits for a claim and one claim serves a round.
    this.holdMax = this.concurrency * 3;
    this.refillAt = this.concurrency * 2;
    this.leaseMs = options.leaseMs ?? requestTimeoutMs + resolveTimeoutMs + 30_000;
    this.sweepMs = options.sweepMs ?? 10_000;
  }

  async start(): Promise<void> {
    if (this.halted || this.stopped)
      throw new Error('a stopped delivery loop cannot restart; create a new one');
    await this.connectListener();
    this.running = true;
    this.kick();
  }

  /** Stops claiming, lets requests out finish and their outcomes be written, gives back the rest. */
  async stop(): Promise<void> {
    if (this.halted || this.stopped) return;
    this.stopped = true;
    this.running = false;
    this.clearWake();
    this.kickSignal.fire();
    await this.draining;
    const unsent = this.queue.splice(0);
    await Promise.allSettled([...this.inFlight]);
    await Promise.allSettled([...this.writing]);
    await this.claims.release(unsent).catch((err: unknown) => {
      // Not fatal: once this loop's owner lock is gone, the next loop to wake takes them back.
      this.logger.warn({ err }, 'could not release unsent claims');
    });
    await this.listener?.close();
    this.listener = null;
    await this.claims.close();
  }

  /**
   * Stops at once, as a crash would: requests out are aborted and nothing more is written. The
   * owner lock goes with the connection, so another loop takes the claims back right away.
   */
  async halt(): Promise<void> {
    if (this.halted || this.stopped) return;
    this.halted = true;
    this.running = false;
    this.clearWake();
    this.kickSignal.fire();
    this.abort.abort();
    await this.listener?.close();
    this.listener = null;
    void this.claims.close().catch(() => undefined);
  }

  /** Something may be due: a new record, a replay, an outcome, a timer. Cheap to call often. */
  kick(): void {
    this.kicked = true;
    this.kickSignal.fire();
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
    if (!this.listener) await this.connectListener();
    if (this.reapDue) {
      this.reapDue = false;
      await this.claims.reapOrphans();
    }
    while (this.running) {
      this.fillSlots();
      const held = this.inFlight.size + this.queue.length;
      const want = this.holdMax - held;
      // A kick (new record, delivered predecessor) forces a claim only if nothing is ready to send.
      if (want > 0 && (held <= this.refillAt || (this.kicked && this.queue.length === 0))) {
        this.kicked = false;
        // Without the owner lock our claims would look orphaned to other loops.
        if (!this.listener) await this.connectListener();
        const claimed = await this.claims.claim(want, this.listener!.owner, this.leaseMs);
        if (this.halted) return;
        this.queue.push(...claimed);
        this.fillSlots();
      }
      if (this.inFlight.size === 0 || !this.running) {
        if (this.kicked && this.running) continue;
        return; // idle until an outcome, a NOTIFY or the timer (stop() awaits requests out itself)
      }
      await Promise.race([...this.inFlight, this.kickSignal.next()]);
    }
  }

  private fillSlots(): void {
    while (this.running && this.inFlight.size < this.concurrency && this.queue.length > 0) {
      const record = this.queue.shift()!;
      const task: Promise<void> = this.deliver(record)
        .catch((err: unknown) => {
          if (!this.halted)
            this.logger.error({ err, recordId: record.id }, 'dispatch attempt failed unexpectedly');
        })
        .finally(() => this.inFlight.delete(task));
      this.inFlight.add(task);
    }
  }

  /** Sends one record; its slot frees when the answer is in, and the outcome is written behind. */
  private async deliver(record: ClaimedRecord): Promise<void> {
    this.stats.attempts++;
    const result = await sendRecord(this.client, record, this.abort.signal);
    if (this.halted) return;
    const decision = decide(result, record.attempts, this.policy);
    const write: Promise<void> = this.writer
      .write({
        id: record.id,
        claimToken: record.claimToken,
        status: decision.status,
        delayMs: decision.status === 'PENDING' ? decision.delayMs : 0,
        error: result.result === 'accepted' ? null : result.error,
        response: result.response ?? null,
      })
      .then(() => this.recorded(record, decision, result))
      .catch((err: unknown) => {
        // The claim stays; when its lease runs out (or this loop's lock goes) it is sent again.
        if (!this.halted)
          this.logger.error({ err, recordId: record.id }, 'could not record a dispatch outcome');
      })
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  private recorded(record: ClaimedRecord, decision: Decision, result: AttemptResult): void {
    // Delivered: the graduate's next record is due now. Retry: the wake-up timer must see its time.
    this.kick();
    const about = {
      recordId: record.id,
      graduateSequence: record.graduateSequence,
      attempts: record.attempts,
    };
    const error = result.result === 'accepted' ? undefined : result.error;
    if (decision.status === 'DELIVERED') {
      this.stats.delivered++;
    } else if (decision.status === 'PENDING') {
      this.stats.retried++;
      this.logger.warn(
        { ...about, error, retryInMs: decision.delayMs },
        'dispatch record not accepted; will retry',
      );
    } else {
      this.stats.dead++;
      this.logger.error({ ...about, error }, 'dispatch record is dead; an operator may replay it');
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
      this.reapDue = true;
      this.kick();
    }, delay);
    this.wake.unref();
  }

  private clearWake(): void {
    if (this.wake) clearTimeout(this.wake);
    this.wake = null;
  }

  private async connectListener(): Promise<void> {
    const listener = await DeliveryListener.connect({
      databaseUrl: this.options.databaseUrl,
      schema: this.options.schema,
      onNotify: () => this.kick(),
      onLost: (err) => {
        if (this.listener !== listener) return;
        this.listener = null;
        this.logger.warn(
          { err },
          'dispatch listener connection lost; claims of this loop may be taken over',
        );
        this.setWake(MIN_WAKE_MS);
      },
    });
    this.listener = listener;
  }
}
