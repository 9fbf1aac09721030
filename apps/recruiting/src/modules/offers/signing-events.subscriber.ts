import { Injectable } from '@nestjs/common';
import { agreementSigned, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { OffersUseCase } from './offers.use-case.js';

/** Method 1 closes here: an agreement signed from an offer marks the offer ACCEPTED. */
@Injectable()
@EventSubscriber({ name: 'signing-agreements' })
export class SigningEventsSubscriber {
  constructor(private readonly offers: OffersUseCase) {}

  /** Methods 2 and 3 have no offer: those events are acked without a transaction. */
  @OnEvent(agreementSigned, { when: (event) => event.payload.offerId !== null })
  async agreementSigned(
    event: EventEnvelope<{ offerId: string | null; agreement: { agreementId: string } }>,
    tx: EntityManager,
  ): Promise<void> {
    if (event.payload.offerId)
      await this.offers.markAccepted(
        tx,
        event.payload.offerId,
        event.payload.agreement.agreementId,
      );
  }
}
