import { Injectable } from '@nestjs/common';
import { reviewDecided, terminationDecided, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { ApplyDecisionUseCase } from '../agreements/use-cases/apply-decision.use-case.js';

/** Review's decisions, applied exactly once (inbox row and effect in one transaction). */
@Injectable()
@EventSubscriber({ name: 'review-decisions' })
export class ReviewEventsSubscriber {
  constructor(private readonly decisions: ApplyDecisionUseCase) {}

  @OnEvent(reviewDecided)
  async reviewDecided(event: EventEnvelope<any>, tx: EntityManager): Promise<void> {
    await this.decisions.review(tx, event);
  }

  @OnEvent(terminationDecided)
  async terminationDecided(event: EventEnvelope<any>, tx: EntityManager): Promise<void> {
    await this.decisions.termination(tx, event);
  }
}
