import { Injectable } from '@nestjs/common';
import { agreementApproved, agreementTerminated, type EventEnvelope } from '@netsign/contracts';
import { afterCommit, EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { PrintQueue } from '../print-jobs/print-queue.js';
import { PrintRecordsRepository } from './print-records.repository.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

/** Approved agreements enter print management and get rendered; terminations are remembered for verification. */
@Injectable()
@EventSubscriber({ name: 'print-management' })
export class PrintManagementSubscriber {
  constructor(
    private readonly records: PrintRecordsRepository,
    private readonly queue: PrintQueue,
  ) {}

  @OnEvent(agreementApproved)
  async approved(
    event: EventEnvelope<Payload<typeof agreementApproved>>,
    tx: EntityManager,
  ): Promise<void> {
    const { agreement, approvedAt } = event.payload;
    if (await this.records.createFromApproval(tx, agreement, approvedAt)) {
      // After commit, so the job finds its record; a lost enqueue is caught by the QUEUED sweep.
      afterCommit(tx, () => this.queue.enqueue(agreement.agreementId, 1));
    }
  }

  @OnEvent(agreementTerminated)
  async terminated(
    event: EventEnvelope<Payload<typeof agreementTerminated>>,
    tx: EntityManager,
  ): Promise<void> {
    await this.records.setAgreementStatus(tx, event.payload.agreement.agreementId, 'TERMINATED');
  }
}
