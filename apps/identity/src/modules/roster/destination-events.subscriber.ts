import { Injectable } from '@nestjs/common';
import { destinationChanged, type EventEnvelope, type EventPayload } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';

/**
 * Signing's destination changes, copied beside the roster for filtering the school's list; the
 * newest change wins whatever order they arrive in.
 */
@Injectable()
@EventSubscriber({ name: 'roster-destinations' })
export class DestinationEventsSubscriber {
  @OnEvent(destinationChanged)
  async changed(
    { payload: p }: EventEnvelope<EventPayload<typeof destinationChanged>>,
    tx: EntityManager,
  ): Promise<void> {
    await tx.query(
      `UPDATE graduates SET destination = $2, destination_changed_at = $3
        WHERE id::text = $1 AND (destination_changed_at IS NULL OR destination_changed_at <= $3)`,
      [p.graduateId, p.to, p.changedAt],
    );
  }
}
