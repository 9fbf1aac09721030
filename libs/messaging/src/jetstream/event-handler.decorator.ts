import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@netsign/contracts';

export const EVENT_SUBSCRIBER = Symbol('netsign:event-subscriber');
export const EVENT_HANDLER = Symbol('netsign:event-handler');

export interface EventSubscriberMeta {
  /** Stable durable-consumer name; renaming it replays the stream from the start. */
  name: string;
  /** Events handled at once by one instance; 1 keeps the stream's order. */
  concurrency?: number;
}

/** A provider whose @OnEvent methods form one durable JetStream consumer. */
export function EventSubscriber(meta: EventSubscriberMeta): ClassDecorator {
  return SetMetadata(EVENT_SUBSCRIBER, meta);
}

/**
 * Handles one event contract. The method gets the validated envelope and the transaction in
 * which its effect must be written; the event counts as processed only if that commits.
 */
export function OnEvent(contract: EventContract<unknown>): MethodDecorator {
  return SetMetadata(EVENT_HANDLER, contract);
}
