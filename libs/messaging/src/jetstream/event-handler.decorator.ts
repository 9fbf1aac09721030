import { SetMetadata } from '@nestjs/common';
import type { EventContract, EventEnvelope } from '@netsign/contracts';

export const EVENT_SUBSCRIBER = Symbol('netsign:event-subscriber');
export const EVENT_HANDLER = Symbol('netsign:event-handler');

export interface EventSubscriberMeta {
  /** Stable durable-consumer name; renaming it replays the stream from the start. */
  name: string;
  /** Transactions run at once by one instance; 1 keeps the stream's order. */
  concurrency?: number;
  /**
   * Most events applied in one transaction when they have queued up (default 32); 1 gives each
   * its own. Handlers see the same transaction either way.
   */
  batchSize?: number;
  /**
   * Strictly in stream order, even across a crash: JetStream hands this consumer one event at a
   * time (max_ack_pending 1), so an event left unacked by a process that died is redelivered
   * before any later one. For effects whose order matters (a graduate's dispatch records);
   * costs throughput (one event per round trip, whatever the replicas).
   */
  ordered?: boolean;
}

/** A provider whose @OnEvent methods form one durable JetStream consumer. */
export function EventSubscriber(meta: EventSubscriberMeta): ClassDecorator {
  return SetMetadata(EVENT_SUBSCRIBER, meta);
}

export interface OnEventOptions<P> {
  /**
   * Which events have an effect here. One it answers false for is acked without a transaction or
   * an inbox row: there is nothing to apply, so nothing to apply twice. Pure and cheap; it sees
   * the payload before validation (if it throws, the event is validated and handled).
   */
  when?: (event: EventEnvelope<P>) => boolean;
}

export interface EventHandlerMeta {
  contract: EventContract<any>;
  when?: (event: EventEnvelope<any>) => boolean;
}

/**
 * Handles one event contract. The method gets the validated envelope and the transaction in
 * which its effect must be written; the event counts as processed only if that commits.
 */
export function OnEvent<P>(
  contract: EventContract<P>,
  options: OnEventOptions<P> = {},
): MethodDecorator {
  return SetMetadata(EVENT_HANDLER, {
    contract,
    ...(options.when ? { when: options.when } : {}),
  } satisfies EventHandlerMeta);
}
