import {
  AckPolicy,
  DeliverPolicy,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { Logger } from '@nestjs/common';
import {
  eventEnvelopeSchema,
  type EventContract,
  type EventEnvelope,
  type ServiceName,
} from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import type { BusNames } from '../bus-names.js';
import { requestContextStorage } from '../request-context.js';
import { takeAfterCommit } from './after-commit.js';
import { retryUnanswered } from './retry-unanswered.js';
import { ensureEventStream, isNotFound } from './streams.js';

export type EventHandlerFn = (event: EventEnvelope<any>, tx: EntityManager) => Promise<void>;

export interface EventHandlerSpec {
  contract: EventContract<any>;
  handle: EventHandlerFn;
  /** Events it answers false for are acked without a transaction (see OnEventOptions.when). */
  when?: (event: EventEnvelope<any>) => boolean;
}

export interface EventSubscriptionSpec {
  name: string;
  concurrency: number;
  /** Most events applied in one transaction when they queue up (1: one transaction each). */
  batchSize?: number;
  /** One event at a time from JetStream (max_ack_pending 1): stream order survives redelivery. */
  ordered?: boolean;
  handlers: EventHandlerSpec[];
}

export interface EventConsumerOptions {
  service: ServiceName;
  dataSource: DataSource;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: BusNames;
  ackWaitMs: number;
  maxDeliver: number;
  /** JETSTREAM_REPLICAS: copies of the stream and of this durable consumer's state. */
  replicas: number;
  /** Instrumentation point after the effect committed and before the ack. */
  afterCommit?: (event: EventEnvelope) => Promise<void>;
}

type Outcome = 'applied' | 'duplicate';

interface Decoded {
  msg: JsMsg;
  subject: string;
  event: EventEnvelope;
  handler: EventHandlerSpec;
}

export const DEFAULT_EVENT_BATCH = 32;
/**
 * Lifetime of one pull request. The server sends idle heartbeats every half of it; two missed
 * (the node holding the consumer's leader died) make nats.js pull again, from the new leader. With
 * nats.js's default of 30 s, a consumer stalled ~40 s after a node loss in a three-node cluster
 * (libs/testing/test/nats-cluster.integration-spec.ts); with 5 s, 6–12 s on a loaded machine.
 */
const PULL_EXPIRES_MS = 5_000;

/**
 * One durable consumer: validates each event, applies its effect and records the event id in the
 * inbox in one transaction, acks after commit. Events that queue up while a transaction runs are
 * applied together in the next one (one inbox statement, one commit), in stream order; if any of
 * them fails, that transaction rolls back and each is applied on its own. Failures are retried
 * with growing delays; after `maxDeliver` attempts, or at once for an event that cannot be valid,
 * the message is parked in `parked_events` for operators to inspect and replay.
 */
export class EventConsumer {
  private readonly logger: Logger;
  private readonly durable: string;
  private readonly byKey = new Map<string, EventHandlerSpec>();
  private readonly batchSize: number;
  private messages: ConsumerMessages | null = null;
  private loop: Promise<void> | null = null;
  /** Messages received and not yet taken by a batch, in stream order. */
  private queued: JsMsg[] = [];
  private pumpScheduled = false;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly spec: EventSubscriptionSpec,
    private readonly options: EventConsumerOptions,
  ) {
    this.durable = options.names.durable(options.service, spec.name);
    this.logger = new Logger(`EventConsumer:${this.durable}`);
    this.batchSize = Math.max(1, spec.batchSize ?? DEFAULT_EVENT_BATCH);
    const publishers = new Set(spec.handlers.map((h) => h.contract.service));
    if (publishers.size !== 1) {
      throw new Error(`subscription ${spec.name} must consume events of exactly one service`);
    }
    for (const h of spec.handlers) {
      const key = h.contract.subject;
      if (this.byKey.has(key)) throw new Error(`two handlers for ${key} in ${spec.name}`);
      this.byKey.set(key, h);
    }
  }

  get name(): string {
    return this.durable;
  }

  private get publisher(): ServiceName {
    return this.spec.handlers[0]!.contract.service;
  }

  /** Creates stream and durable consumer if missing (idempotent), then starts consuming. */
  async start(): Promise<void> {
    const { js, jsm, names, replicas } = this.options;
    const stream = await ensureEventStream(jsm, names, this.publisher, { replicas });
    await retryUnanswered(() => this.ensureConsumer(stream));
    const consumer = await retryUnanswered(() => js.consumers.get(stream, this.durable));
    this.messages = await consumer.consume({
      max_messages: Math.max(16, this.spec.concurrency * this.batchSize * 2),
      expires: PULL_EXPIRES_MS,
    });
    this.loop = this.run(this.messages);
  }

  /** This durable consumer on `stream` as configured: created, or updated in place. */
  private async ensureConsumer(stream: string): Promise<void> {
    const { jsm, names, ackWaitMs, replicas } = this.options;
    // NATS 2.9 (Debian 12) knows only one filter subject per consumer: a subscription to one
    // event filters on it; one to several filters on the narrowest wildcard covering them (e.g.
    // `signing.evt.agreement.>`) and acks the other events that match it.
    const filter = filterSubject([...this.byKey.keys()].map((s) => names.subject(s)));
    const config = {
      durable_name: this.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: filter,
      ack_wait: nanos(ackWaitMs),
      max_ack_pending: this.spec.ordered ? 1 : 1000,
      num_replicas: replicas,
    };
    try {
      const info = await jsm.consumers.info(stream, this.durable);
      if (
        info.config.filter_subject !== filter ||
        info.config.ack_wait !== config.ack_wait ||
        info.config.max_ack_pending !== config.max_ack_pending ||
        info.config.num_replicas !== replicas
      ) {
        await jsm.consumers.update(stream, this.durable, {
          filter_subject: filter,
          ack_wait: config.ack_wait,
          max_ack_pending: config.max_ack_pending,
          num_replicas: replicas,
        });
      }
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await jsm.consumers.add(stream, config).catch(async (addErr: unknown) => {
        if (
          !(await jsm.consumers.info(stream, this.durable).then(
            () => true,
            () => false,
          ))
        )
          throw addErr;
      });
    }
  }

  /** Stops pulling and waits for the events in hand to finish (they are acked or left to redeliver). */
  async stop(): Promise<void> {
    const messages = this.messages;
    this.messages = null;
    if (messages) await messages.close().catch(() => undefined);
    await this.loop;
    // Not taken yet: left unacked, so JetStream redelivers them (to this or another instance).
    this.queued = [];
    await Promise.allSettled([...this.inFlight]);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    const limit = this.spec.concurrency * this.batchSize;
    try {
      for await (const msg of messages) {
        if (this.messages !== messages) {
          // Stopping: leave the rest for redelivery, to this or another instance.
          break;
        }
        this.queued.push(msg);
        this.schedulePump();
        // Back pressure: hold the pull while a full round of batches is already waiting.
        while (this.queued.length >= limit && this.messages === messages) {
          if (this.inFlight.size === 0) this.pump();
          await Promise.race(this.inFlight);
        }
      }
    } catch (err) {
      this.logger.error({ err }, 'consumer loop ended with an error');
    }
  }

  /** On the next turn of the event loop, so that messages which arrived together go together. */
  private schedulePump(): void {
    if (this.pumpScheduled) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Starts batches while fewer than `concurrency` run; each finished batch pumps again. */
  private pump(): void {
    while (this.inFlight.size < this.spec.concurrency && this.queued.length > 0 && this.messages) {
      const batch = this.queued.splice(0, this.batchSize);
      const work: Promise<void> = this.processBatch(batch)
        .catch((err: unknown) => this.logger.error({ err }, 'event batch failed'))
        .finally(() => {
          this.inFlight.delete(work);
          this.pump();
        });
      this.inFlight.add(work);
    }
  }

  private async processBatch(msgs: JsMsg[]): Promise<void> {
    const items: Decoded[] = [];
    for (const msg of msgs) {
      const item = await this.decode(msg);
      if (item) items.push(item);
    }
    if (items.length === 0) return;
    if (items.length > 1) {
      try {
        const applied = await this.applyAll(items);
        for (const item of items) {
          if (applied.has(item) && this.options.afterCommit)
            await this.options.afterCommit(item.event);
          item.msg.ack();
        }
        return;
      } catch (err) {
        // One of them failed: nothing of the batch committed. Each on its own, so only the
        // failing one is retried or parked.
        this.logger.debug?.({ err, events: items.length }, 'batch failed; applying one by one');
      }
    }
    for (const item of items) await this.processOne(item);
  }

  /** Subject → handler, then a valid envelope; acks or parks what has nothing to apply. */
  private async decode(msg: JsMsg): Promise<Decoded | null> {
    const subject = this.options.names.prefix
      ? msg.subject.slice(this.options.names.prefix.length + 1)
      : msg.subject;
    const handler = this.byKey.get(subject);
    if (!handler) {
      // Another event of the same publisher: not this subscription's business.
      msg.ack();
      return null;
    }
    let event: EventEnvelope;
    try {
      const envelope = eventEnvelopeSchema.parse(msg.json());
      if (
        envelope.type !== handler.contract.type ||
        envelope.version !== handler.contract.version
      ) {
        throw new Error(`envelope ${envelope.type}.v${envelope.version} on subject ${subject}`);
      }
      // An event this subscription filters out is acked before its payload is validated: nothing
      // of it is used. (A `when` that cannot read the payload lets validation decide.)
      if (handler.when && !safely(() => handler.when!(envelope))) {
        msg.ack();
        return null;
      }
      event = { ...envelope, payload: handler.contract.payload.parse(envelope.payload) };
    } catch (err) {
      await this.park(msg, subject, `INVALID_EVENT: ${(err as Error).message}`);
      return null;
    }
    return { msg, subject, event, handler };
  }

  private async processOne({ msg, subject, event, handler }: Decoded): Promise<void> {
    try {
      const outcome = await this.apply(event, handler.handle);
      if (outcome === 'applied' && this.options.afterCommit) await this.options.afterCommit(event);
      msg.ack();
    } catch (err) {
      const attempt = msg.info.deliveryCount;
      if (attempt >= this.options.maxDeliver) {
        this.logger.error(
          { err, eventId: event.id, correlationId: event.correlationId },
          'event parked',
        );
        await this.park(
          msg,
          subject,
          `HANDLER_FAILED after ${attempt} attempts: ${(err as Error).message}`,
          event.id,
        );
        return;
      }
      const delay = Math.min(60_000, 500 * 2 ** (attempt - 1));
      this.logger.warn(
        { err, eventId: event.id, attempt, delay },
        'event handling failed; will retry',
      );
      msg.nak(delay);
    }
  }

  /**
   * Several events in one transaction: one statement records them all in the inbox, then each
   * new one is applied in stream order. Returns the items applied (not duplicates).
   */
  private async applyAll(items: Decoded[]): Promise<Set<Decoded>> {
    let actions: Array<() => Promise<void>> = [];
    const applied = new Set<Decoded>();
    await this.options.dataSource.transaction(async (tx) => {
      const rows = await preparedQuery<{ event_id: string }>(
        tx,
        'inbox-record-batch',
        `INSERT INTO inbox (consumer, event_id) SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.durable, items.map((i) => i.event.id)],
      );
      const fresh = new Set(rows.map((r) => r.event_id));
      for (const item of items) {
        // The same event twice in one batch (a redelivery) is applied once.
        if (!fresh.delete(item.event.id)) continue;
        await requestContextStorage.run(
          { correlationId: item.event.correlationId, principal: null },
          () => item.handler.handle(item.event, tx),
        );
        applied.add(item);
      }
      actions = takeAfterCommit(tx);
    });
    for (const action of actions) {
      await action().catch((err: unknown) =>
        this.logger.error({ err }, 'after-commit action failed'),
      );
    }
    return applied;
  }

  /** Applies an event's effect once: the inbox row and the effect commit together or not at all. */
  async apply(event: EventEnvelope, handle: EventHandlerFn): Promise<Outcome> {
    let actions: Array<() => Promise<void>> = [];
    const outcome = await this.options.dataSource.transaction(async (tx) => {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO inbox (consumer, event_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`,
        [this.durable, event.id],
      );
      if (inserted.length === 0) return 'duplicate' as const;
      await requestContextStorage.run({ correlationId: event.correlationId, principal: null }, () =>
        handle(event, tx),
      );
      actions = takeAfterCommit(tx);
      return 'applied' as const;
    });
    for (const action of actions) {
      await action().catch((err: unknown) =>
        this.logger.error({ err, eventId: event.id }, 'after-commit action failed'),
      );
    }
    return outcome;
  }

  private async park(msg: JsMsg, subject: string, reason: string, eventId?: string): Promise<void> {
    try {
      await this.options.dataSource.query(
        `INSERT INTO parked_events (consumer, subject, event_id, data, reason, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          this.durable,
          subject,
          eventId ?? null,
          msg.string(),
          reason.slice(0, 2000),
          msg.info.deliveryCount,
        ],
      );
      msg.term(reason.slice(0, 200));
    } catch (err) {
      // Could not even park it: let JetStream redeliver rather than lose it.
      this.logger.error({ err }, 'could not park event');
      msg.nak(5_000);
    }
  }

  /** Runs a parked event through its handler again (operators' replay); idempotent. */
  async replay(raw: string, subject: string): Promise<Outcome> {
    const handler = this.byKey.get(subject);
    if (!handler) throw new Error(`no handler for subject ${subject}`);
    const envelope = eventEnvelopeSchema.parse(JSON.parse(raw));
    const event = { ...envelope, payload: handler.contract.payload.parse(envelope.payload) };
    return this.apply(event, handler.handle);
  }
}

function safely(when: () => boolean): boolean {
  try {
    return when();
  } catch {
    return true;
  }
}

/** The one filter subject covering all of `subjects`: the subject itself, or common tokens + `>`. */
export function filterSubject(subjects: string[]): string {
  if (subjects.length === 1) return subjects[0]!;
  const split = subjects.map((s) => s.split('.'));
  const common: string[] = [];
  for (
    let i = 0;
    split.every((tokens) => i < tokens.length - 1 && tokens[i] === split[0]![i]);
    i++
  ) {
    common.push(split[0]![i]!);
  }
  if (common.length === 0)
    throw new Error(`subjects without a common prefix: ${subjects.join(', ')}`);
  return `${common.join('.')}.>`;
}
