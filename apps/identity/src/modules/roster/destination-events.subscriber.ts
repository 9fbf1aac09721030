import { Injectable } from '@nestjs/common';
import { destinationChanged, type EventEnvelope, type EventPayload } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { GraduatesRepository } from './graduates.repository.js';

/**
 * Signing's destination changes, copied beside the roster for filtering the school's list; the
 * newest change wins whatever order they arrive in.
 */
@Injectable()
@EventSubscriber({ name: 'roster-destinations' })
export class DestinationEventsSubscriber {
  constructor(private readonly graduates: GraduatesRepository) {}

  @OnEvent(destinationChanged)
  async changed(
    { payload: p }: EventEnvelope<EventPayload<typeof destinationChanged>>,
    tx: EntityManager,
  ): Promise<void> {
    await this.graduates.recordDestination(tx, p.graduateId, p.to, p.changedAt);
  }
}
