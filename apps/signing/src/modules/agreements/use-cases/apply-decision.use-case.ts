import { Injectable, Logger } from '@nestjs/common';
import {
  agreementApproved,
  agreementRejected,
  agreementTerminated,
  ROLES,
  type Actor,
  type Decider,
  type EventEnvelope,
  type reviewDecided,
  type terminationDecided,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { DestinationWriter } from '../../destinations/destination-writer.js';
import { GraduateProjectionRepository } from '../../destinations/graduate-projection.repository.js';
import { AgreementRepository, type AgreementRecord } from '../agreement.repository.js';
import {
  releasesGraduate,
  transition,
  type AgreementAction,
} from '../domain/agreement-lifecycle.js';

type ReviewDecided = typeof reviewDecided extends { payload: { _output: infer P } } ? P : never;
type TerminationDecided = typeof terminationDecided extends { payload: { _output: infer P } }
  ? P
  : never;

function actorOfDecider(d: Decider): Actor {
  return (ROLES as readonly string[]).includes(d.role)
    ? { userId: d.userId, role: d.role as NonNullable<Actor>['role'] }
    : null;
}

/**
 * Applies review's decisions (consumed exactly once through the inbox, in the consumer's
 * transaction): approve, reject (graduate free again), terminate (destination back to awaiting).
 * A decision on an agreement that already moved on (e.g. terminated meanwhile) changes nothing.
 */
@Injectable()
export class ApplyDecisionUseCase {
  private readonly logger = new Logger('ApplyDecision');

  constructor(
    private readonly agreements: AgreementRepository,
    private readonly graduates: GraduateProjectionRepository,
    private readonly destinations: DestinationWriter,
  ) {}

  async review(tx: EntityManager, event: EventEnvelope<ReviewDecided>): Promise<void> {
    const p = event.payload;
    const action: AgreementAction = p.decision === 'APPROVE' ? 'APPROVE' : 'REJECT';
    const done = await this.apply(
      tx,
      p.agreementId,
      action,
      actorOfDecider(p.reviewer),
      p.reason,
      p.decidedAt,
    );
    if (!done) return;
    const { agreement } = done;
    const reviewer = p.reviewer;
    if (action === 'APPROVE') {
      await publishEvent(tx, agreementApproved, {
        aggregateId: agreement.agreementId,
        actor: done.actor,
        payload: { agreement, taskId: p.taskId, reviewer, approvedAt: p.decidedAt },
      });
    } else {
      await publishEvent(tx, agreementRejected, {
        aggregateId: agreement.agreementId,
        actor: done.actor,
        payload: {
          agreement,
          taskId: p.taskId,
          reviewer,
          reason: p.reason ?? '',
          rejectedAt: p.decidedAt,
        },
      });
    }
  }

  async termination(tx: EntityManager, event: EventEnvelope<TerminationDecided>): Promise<void> {
    const p = event.payload;
    if (p.decision !== 'AGREE') return; // 不同意解约: the agreement stands; review keeps the reason
    const reason = p.reason?.trim() || '同意解约';
    const done = await this.apply(
      tx,
      p.agreementId,
      'TERMINATE',
      actorOfDecider(p.decider),
      reason,
      p.decidedAt,
    );
    if (!done) return;
    await publishEvent(tx, agreementTerminated, {
      aggregateId: p.agreementId,
      actor: done.actor,
      payload: {
        agreement: done.agreement,
        previousStatus: done.previous,
        terminationId: p.terminationId,
        decider: p.decider,
        reason,
        terminatedAt: p.decidedAt,
      },
    });
  }

  private async apply(
    tx: EntityManager,
    agreementId: string,
    action: AgreementAction,
    actor: Actor,
    reason: string | null,
    at: string,
  ) {
    const current = await this.agreements.lock(tx, agreementId);
    if (!current) throw new Error(`agreement ${agreementId} not found`); // retried, then parked for operators
    let next;
    try {
      next = transition(current, action, { at: new Date(at), actor, reason });
    } catch (err) {
      this.logger.warn(
        { agreementId, action, status: current.status, err },
        'decision not applicable; ignored',
      );
      return null;
    }
    await this.agreements.updateStatus(tx, agreementId, next.status, next.version);
    await this.agreements.addHistory(tx, agreementId, next.entry);
    if (releasesGraduate(next.status)) {
      const graduate = await this.graduates.lock(tx, current.graduate.graduateId);
      if (graduate && graduate.destination === 'SIGNED_ONLINE') {
        await this.destinations.change(tx, graduate, 'AWAITING_EMPLOYMENT', {
          reason: next.entry.reason,
          agreementId,
          actor,
        });
      }
    }
    const { offerId: _offerId, ...snapshot } = current;
    const agreement: Omit<AgreementRecord, 'offerId'> = {
      ...snapshot,
      status: next.status,
      version: next.version,
    };
    return { agreement, previous: current.status, actor };
  }
}
