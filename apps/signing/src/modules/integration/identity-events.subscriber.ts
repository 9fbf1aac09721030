import { Injectable } from '@nestjs/common';
import {
  graduateBindingReleased,
  graduateRosterUpserted,
  graduateSourceInfoConfirmed,
  type EventEnvelope,
  type GraduateSnapshot,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { GraduateProjectionRepository } from '../destinations/graduate-projection.repository.js';
import { QrCardRepository } from '../qr-cards/qr-card.repository.js';

/**
 * Keeps signing's graduate projection in step with identity's roster (in stream order), and voids
 * a graduate's QR cards when their WeChat binding is released.
 */
@Injectable()
@EventSubscriber({ name: 'identity-graduates' })
export class IdentityEventsSubscriber {
  constructor(
    private readonly graduates: GraduateProjectionRepository,
    private readonly cards: QrCardRepository,
  ) {}

  @OnEvent(graduateRosterUpserted)
  async rosterUpserted(event: EventEnvelope<GraduateSnapshot>, tx: EntityManager): Promise<void> {
    await this.graduates.upsertAndLock(tx, event.payload);
  }

  @OnEvent(graduateSourceInfoConfirmed)
  async sourceInfoConfirmed(
    event: EventEnvelope<{ graduateId: string }>,
    tx: EntityManager,
  ): Promise<void> {
    await this.graduates.markConfirmed(tx, event.payload.graduateId);
  }

  @OnEvent(graduateBindingReleased)
  async bindingReleased(
    event: EventEnvelope<{ graduateId: string }>,
    tx: EntityManager,
  ): Promise<void> {
    await this.cards.voidAll(tx, event.payload.graduateId);
  }
}
