import { randomUUID } from 'node:crypto';
import { actorOf, type Actor, type EventContract, type EventEnvelope } from '@netsign/contracts';
import { currentRequestContext, flushOutbox, OUTBOX_WRITTEN } from '@netsign/messaging';
import { uuidv7 } from './uuid-v7.js';
import type { EntityManager } from 'typeorm';

/**
 * `publishEvent` for many events of one contract at once (a roster import changes thousands of
 * records): the same envelopes, written to the outbox with one statement per batch, inside the
 * caller's transaction.
 */
export async function publishEventsInBulk<P>(
  tx: EntityManager,
  contract: EventContract<P>,
  items: Array<{ aggregateId: string; payload: P }>,
  actor?: Actor,
): Promise<void> {
  if (items.length === 0) return;
  if (!tx.queryRunner?.isTransactionActive)
    throw new Error(`publishEventsInBulk(${contract.type}) needs a transaction`);
  const ctx = currentRequestContext();
  const occurredAt = new Date().toISOString();
  const correlationId = ctx?.correlationId ?? randomUUID();
  const eventActor = actor !== undefined ? actor : actorOf(ctx?.principal);
  const envelopes: Array<EventEnvelope<P>> = items.map((item) => ({
    id: uuidv7(),
    type: contract.type,
    version: contract.version,
    occurredAt,
    aggregateId: item.aggregateId,
    actor: eventActor,
    correlationId,
    payload: contract.payload.parse(item.payload),
  }));
  await flushOutbox(tx); // events published earlier in this transaction stay first
  // One JSON parameter: cheaper to send than an array of JSON documents.
  await tx.query(
    `INSERT INTO outbox (id, subject, envelope)
     SELECT (e->>'id')::uuid, $1, e FROM jsonb_array_elements($2::jsonb) AS e`,
    [contract.subject, JSON.stringify(envelopes)],
  );
  // The relay's commit hook wakes it once this commits (no NOTIFY inside the transaction: it
  // would hold Postgres's notification lock to the commit, serialising every other commit).
  tx.queryRunner.data = { ...tx.queryRunner.data, [OUTBOX_WRITTEN]: true };
}
