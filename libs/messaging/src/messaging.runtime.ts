import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import {
  ErrorCode,
  ServiceError,
  type EventContract,
  type HealthReply,
  type ParkedEvent,
} from '@netsign/contracts';
import { DataSource, IsNull } from 'typeorm';
import { BusNames } from './bus-names.js';
import { ParkedEventEntity } from './outbox/messaging.entities.js';
import {
  EventConsumer,
  type EventHandlerFn,
  type EventSubscriptionSpec,
} from './jetstream/event-consumer.js';
import {
  EVENT_HANDLER,
  EVENT_SUBSCRIBER,
  type EventHandlerMeta,
  type EventSubscriberMeta,
} from './jetstream/event-handler.decorator.js';
import { ensureEventStream } from './jetstream/streams.js';
import { MESSAGING_OPTIONS, NATS_CONNECTION, type MessagingOptions } from './messaging.tokens.js';
import type { NatsConnection } from './nats.js';
import { OutboxRelay } from './outbox/outbox-relay.js';

/**
 * Starts and stops a service's share of the backbone: its own event stream, the outbox relay and
 * one durable consumer per @EventSubscriber provider. Stops in the reverse order on shutdown, so
 * events in hand finish before connections close.
 */
@Injectable()
export class MessagingRuntime
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('MessagingRuntime');
  private relay: OutboxRelay | null = null;
  private readonly consumers = new Map<string, EventConsumer>();
  private js!: JetStreamClient;
  private jsm!: JetStreamManager;

  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions,
    @Inject(NATS_CONNECTION) private readonly nc: NatsConnection,
    private readonly names: BusNames,
    private readonly dataSource: DataSource,
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { env, service, schema } = this.options;
    this.js = jetstream(this.nc);
    this.jsm = await jetstreamManager(this.nc);
    await ensureEventStream(this.jsm, this.names, service, { replicas: env.JETSTREAM_REPLICAS });
    this.relay = new OutboxRelay({
      dataSource: this.dataSource,
      databaseUrl: env.DATABASE_URL,
      schema,
      js: this.js,
      names: this.names,
      sweepMs: env.OUTBOX_SWEEP_MS,
    });
    await this.relay.start();
    for (const spec of this.discoverSubscriptions()) {
      const consumer = new EventConsumer(spec, {
        service,
        dataSource: this.dataSource,
        js: this.js,
        jsm: this.jsm,
        names: this.names,
        ackWaitMs: env.EVENT_ACK_WAIT_MS,
        maxDeliver: env.EVENT_MAX_DELIVER,
        replicas: env.JETSTREAM_REPLICAS,
      });
      if (this.consumers.has(consumer.name))
        throw new Error(`two subscriptions named ${spec.name}`);
      this.consumers.set(consumer.name, consumer);
      await consumer.start();
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.consumers.values()].map((c) => c.stop()));
    await this.relay?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }

  async health(): Promise<HealthReply> {
    const database = await this.dataSource.query('SELECT 1').then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const nats = this.nc.isClosed() ? ('down' as const) : ('up' as const);
    const parked: Array<{ n: number }> = await this.dataSource
      .query(`SELECT count(*)::int AS n FROM parked_events WHERE replayed_at IS NULL`)
      .catch(() => []);
    return {
      service: this.options.service,
      status: database === 'up' && nats === 'up' ? 'up' : 'degraded',
      checks: { database, nats },
      ...(parked[0] ? { parkedEvents: parked[0].n } : {}),
    };
  }

  async listParked(includeReplayed: boolean): Promise<ParkedEvent[]> {
    const rows = await this.dataSource.getRepository(ParkedEventEntity).find({
      where: includeReplayed ? {} : { replayedAt: IsNull() },
      order: { id: 'ASC' },
      take: 500,
    });
    return rows.map((r) => ({
      id: r.id,
      consumer: r.consumer,
      subject: r.subject,
      eventId: r.eventId,
      reason: r.reason,
      deliveries: r.deliveries,
      parkedAt: r.parkedAt.toISOString(),
      replayedAt: r.replayedAt ? r.replayedAt.toISOString() : null,
      data: r.data,
    }));
  }

  async replayParked(id: string): Promise<{ replayed: boolean }> {
    const parked = this.dataSource.getRepository(ParkedEventEntity);
    const row = await parked.findOneBy({ id });
    if (!row) throw new ServiceError(ErrorCode.NOT_FOUND, '没有该滞留事件');
    if (row.replayedAt) throw new ServiceError(ErrorCode.INVALID_STATE, '该事件已重放');
    const consumer = this.consumers.get(row.consumer);
    if (!consumer) throw new ServiceError(ErrorCode.INVALID_STATE, '该事件的消费者已不存在');
    try {
      await consumer.replay(row.data, row.subject);
    } catch (err) {
      throw new ServiceError(ErrorCode.INVALID_STATE, '重放失败', {
        reason: (err as Error).message,
      });
    }
    await parked.update({ id }, { replayedAt: () => 'now()' });
    return { replayed: true };
  }

  /** Finds @EventSubscriber providers and their @OnEvent methods; refuses duplicates at boot. */
  private discoverSubscriptions(): EventSubscriptionSpec[] {
    const specs: EventSubscriptionSpec[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const meta = this.reflector.get<EventSubscriberMeta | undefined>(
        EVENT_SUBSCRIBER,
        wrapper.metatype,
      );
      if (!meta) continue;
      const handlers: EventSubscriptionSpec['handlers'] = [];
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = (instance as Record<string, unknown>)[method];
        if (typeof fn !== 'function') continue;
        const handler = this.reflector.get<EventHandlerMeta | undefined>(EVENT_HANDLER, fn);
        if (!handler) continue;
        handlers.push({ ...handler, handle: (fn as EventHandlerFn).bind(instance) });
      }
      if (handlers.length === 0)
        throw new Error(`@EventSubscriber ${meta.name} has no @OnEvent method`);
      specs.push({
        name: meta.name,
        concurrency: meta.concurrency ?? 1,
        ...(meta.batchSize ? { batchSize: meta.batchSize } : {}),
        ...(meta.ordered ? { ordered: true } : {}),
        handlers,
      });
    }
    this.logger.log(`${specs.length} event subscription(s)`);
    return specs;
  }
}
