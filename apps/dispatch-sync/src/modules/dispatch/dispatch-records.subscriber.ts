import { Inject, Injectable } from '@nestjs/common';
import {
  agreementApproved,
  agreementTerminated,
  destinationChanged,
  type AgreementSnapshot,
  type EventEnvelope,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import { DESTINATION_CODE_AGREEMENT, DESTINATION_CODE_AWAITING } from '@netsign/standard-codes';
import type { EntityManager } from 'typeorm';
import { DISPATCH_ENV, type DispatchSyncEnv } from '../../dispatch-sync.env.js';
import { appendRecord } from '../delivery/record-log.repository.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

const graduateOf = (a: AgreementSnapshot) => ({
  schoolCode: a.graduate.schoolCode,
  studentNo: a.graduate.studentNo,
  graduateId: a.graduate.graduateId,
  name: a.graduate.name,
});

/**
 * Every approval and every termination of an approved agreement becomes a record for the
 * province, and so does every destination a school admin records or unlocks (decision 0007),
 * appended in the same transaction as the inbox row of its event (so exactly once), with the
 * event id as record id (so even a replayed event cannot add a second record).
 * Strictly in stream order, even when a process dies holding an event (`ordered`): each
 * graduate's records are numbered in the order signing committed the facts, so a graduate's
 * re-signing can never be sent ahead of the approval and termination before it.
 */
@Injectable()
@EventSubscriber({ name: 'dispatch-records', ordered: true })
export class DispatchRecordsSubscriber {
  constructor(@Inject(DISPATCH_ENV) private readonly env: DispatchSyncEnv) {}

  @OnEvent(agreementApproved)
  async approved(
    event: EventEnvelope<Payload<typeof agreementApproved>>,
    tx: EntityManager,
  ): Promise<void> {
    const a = event.payload.agreement;
    await appendRecord(tx, {
      recordId: event.id,
      kind: 'EMPLOYMENT',
      graduate: graduateOf(a),
      agreementNo: a.agreementNo,
      occurredAt: event.payload.approvedAt,
      signingMethod: a.method,
      employer: {
        name: a.employer.name,
        creditCode: a.employer.creditCode,
        nature: a.employer.nature,
        industry: a.employer.industry,
        location: a.terms.workLocation,
        ...(a.employer.natureCode ? { natureCode: a.employer.natureCode } : {}),
        ...(a.employer.industryCode ? { industryCode: a.employer.industryCode } : {}),
        ...(a.employer.regionCode ? { regionCode: a.employer.regionCode } : {}),
      },
      position: a.position.title,
      superiorAuthority: a.terms.superiorAuthority,
      destinationCode: DESTINATION_CODE_AGREEMENT,
    });
  }

  @OnEvent(agreementTerminated)
  async terminated(
    event: EventEnvelope<Payload<typeof agreementTerminated>>,
    tx: EntityManager,
  ): Promise<void> {
    // The province only ever heard of approved agreements.
    if (event.payload.previousStatus !== 'APPROVED') return;
    const a = event.payload.agreement;
    await appendRecord(tx, {
      recordId: event.id,
      kind: 'TERMINATION',
      graduate: graduateOf(a),
      agreementNo: a.agreementNo,
      occurredAt: event.payload.terminatedAt,
      // Termination puts the graduate back to awaiting employment (DESIGN.md, Terminate).
      destinationCode: DESTINATION_CODE_AWAITING,
    });
  }

  /**
   * A destination without an agreement: one a school admin recorded (offline agreement, further
   * study, other) or an unlock back to 待就业. Changes an agreement makes are the province's
   * through the agreement's own records; events from before the graduate was named in them
   * cannot be keyed and are left out.
   */
  @OnEvent(destinationChanged, {
    when: (e) => e.payload.agreementId === null && e.payload.studentNo !== undefined,
  })
  async destination(
    event: EventEnvelope<Payload<typeof destinationChanged>>,
    tx: EntityManager,
  ): Promise<void> {
    if (this.env.PROVINCE_DESTINATION_RECORDS === 'off') return;
    const p = event.payload;
    if (p.studentNo === undefined || p.name === undefined) return;
    await appendRecord(tx, {
      recordId: event.id,
      kind: 'DESTINATION',
      graduate: {
        schoolCode: p.schoolCode,
        studentNo: p.studentNo,
        graduateId: p.graduateId,
        name: p.name,
      },
      destination: p.to,
      destinationCode: p.destinationCode ?? null,
      occurredAt: p.changedAt,
    });
  }
}
