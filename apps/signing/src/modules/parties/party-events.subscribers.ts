import { Injectable } from '@nestjs/common';
import {
  employerRegistered,
  positionChanged,
  type EventEnvelope,
  type EventPayload,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { PartyProjectionRepository } from './party-projection.repository.js';

/** Employers as identity registered them. */
@Injectable()
@EventSubscriber({ name: 'identity-employers' })
export class EmployerEventsSubscriber {
  constructor(private readonly parties: PartyProjectionRepository) {}

  @OnEvent(employerRegistered)
  async registered(
    event: EventEnvelope<EventPayload<typeof employerRegistered>>,
    tx: EntityManager,
  ): Promise<void> {
    await this.parties.upsertEmployer(tx, event.payload);
  }
}

/** Positions as recruiting published, edited and closed them. */
@Injectable()
@EventSubscriber({ name: 'recruiting-positions' })
export class PositionEventsSubscriber {
  constructor(private readonly parties: PartyProjectionRepository) {}

  @OnEvent(positionChanged)
  async changed(
    event: EventEnvelope<EventPayload<typeof positionChanged>>,
    tx: EntityManager,
  ): Promise<void> {
    const { change: _change, ...position } = event.payload;
    await this.parties.upsertPosition(tx, position);
  }
}
