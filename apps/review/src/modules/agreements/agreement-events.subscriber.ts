import { Injectable } from '@nestjs/common';
import {
  agreementApproved,
  agreementRejected,
  agreementSigned,
  agreementTerminated,
  type AgreementSnapshot,
  type EventEnvelope,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { PaperFormRepository } from '../paper-forms/paper-form.repository.js';
import { ReviewTaskRepository } from '../review-tasks/review-task.repository.js';
import { AgreementProjectionRepository } from './agreement-projection.repository.js';

type WithAgreement = EventEnvelope<{ agreement: AgreementSnapshot }>;

/**
 * Signing's agreement events, applied exactly once (inbox + effect in one transaction): a signed
 * agreement becomes a review task and collects the graduate's paper form; later transitions keep
 * the projection current (older versions never overwrite newer ones).
 */
@Injectable()
@EventSubscriber({ name: 'agreement-events' })
export class AgreementEventsSubscriber {
  constructor(
    private readonly agreements: AgreementProjectionRepository,
    private readonly tasks: ReviewTaskRepository,
    private readonly paperForms: PaperFormRepository,
  ) {}

  @OnEvent(agreementSigned)
  async signed(event: WithAgreement, tx: EntityManager): Promise<void> {
    const a = event.payload.agreement;
    await this.agreements.upsert(tx, a);
    await this.tasks.create(tx, a);
    await this.paperForms.collect(tx, a.graduate.graduateId, a.agreementId, a.signedAt);
  }

  @OnEvent(agreementApproved)
  async approved(event: WithAgreement, tx: EntityManager): Promise<void> {
    await this.agreements.upsert(tx, event.payload.agreement);
  }

  @OnEvent(agreementRejected)
  async rejected(event: WithAgreement, tx: EntityManager): Promise<void> {
    await this.agreements.upsert(tx, event.payload.agreement);
  }

  @OnEvent(agreementTerminated)
  async terminated(event: WithAgreement, tx: EntityManager): Promise<void> {
    await this.agreements.upsert(tx, event.payload.agreement);
    await this.tasks.cancelPending(tx, event.payload.agreement.agreementId, event.actor);
  }
}
