import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { EventContract, EventEnvelope } from '@netsign/contracts';
import { BusNames, ensureEventStream } from '@netsign/messaging';

/**
 * Publishes an event as its owning service's relay would (same envelope, same stream, msg id =
 * event id), for tests of a consumer whose publisher is not under test. Returns the envelope.
 */
export async function publishTestEvent<P>(
  nc: NatsConnection,
  busPrefix: string,
  contract: EventContract<P>,
  payload: P,
  aggregateId: string = randomUUID(),
): Promise<EventEnvelope<P>> {
  const names = new BusNames(busPrefix);
  // Tests run on one server: one replica, as the services under test are configured.
  await ensureEventStream(await jetstreamManager(nc), names, contract.service, { replicas: 1 });
  const envelope: EventEnvelope<P> = {
    id: randomUUID(),
    type: contract.type,
    version: contract.version,
    occurredAt: new Date().toISOString(),
    aggregateId,
    actor: null,
    correlationId: `test-${randomUUID()}`,
    payload,
  };
  await jetstream(nc).publish(names.subject(contract.subject), JSON.stringify(envelope), {
    msgID: envelope.id,
  });
  return envelope;
}
