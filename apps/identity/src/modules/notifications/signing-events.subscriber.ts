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
import { InboxService } from './inbox.service.js';
import { NotificationsRepository, type NewNotification } from './notifications.repository.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

function both(a: AgreementSnapshot, kind: string, title: string, body: string): NewNotification[] {
  const data = { agreementId: a.agreementId, agreementNo: a.agreementNo, status: a.status };
  return [
    { recipient: `graduate:${a.graduate.graduateId}`, kind, title, body, data },
    { recipient: `employer:${a.employer.employerId}`, kind, title, body, data },
  ];
}

/** Agreement signed, approved, rejected, terminated: both parties are told. */
@Injectable()
@EventSubscriber({ name: 'notifications-signing' })
export class SigningEventsSubscriber {
  constructor(
    private readonly inbox: InboxService,
    private readonly notifications: NotificationsRepository,
  ) {}

  @OnEvent(agreementSigned)
  async signed(event: EventEnvelope<Payload<typeof agreementSigned>>, tx: EntityManager) {
    const a = event.payload.agreement;
    await this.notifications.rememberParties(tx, {
      agreementId: a.agreementId,
      graduateId: a.graduate.graduateId,
      employerId: a.employer.employerId,
    });
    const body = `就业协议书 ${a.agreementNo}（${a.employer.name}）已签约，待学校审核。`;
    await this.inbox.deliver(
      tx,
      event.id,
      both(a, 'AGREEMENT_SIGNED', '签约成功，待学校审核', body),
    );
  }

  @OnEvent(agreementApproved)
  async approved(event: EventEnvelope<Payload<typeof agreementApproved>>, tx: EntityManager) {
    const a = event.payload.agreement;
    const body = `就业协议书 ${a.agreementNo} 已通过学校审核。`;
    await this.inbox.deliver(tx, event.id, both(a, 'AGREEMENT_APPROVED', '协议书审核通过', body));
  }

  @OnEvent(agreementRejected)
  async rejected(event: EventEnvelope<Payload<typeof agreementRejected>>, tx: EntityManager) {
    const a = event.payload.agreement;
    const body = `就业协议书 ${a.agreementNo} 未通过学校审核：${event.payload.reason}`;
    await this.inbox.deliver(tx, event.id, both(a, 'AGREEMENT_REJECTED', '协议书审核未通过', body));
  }

  @OnEvent(agreementTerminated)
  async terminated(event: EventEnvelope<Payload<typeof agreementTerminated>>, tx: EntityManager) {
    const a = event.payload.agreement;
    const body = `就业协议书 ${a.agreementNo} 已解约：${event.payload.reason}`;
    await this.inbox.deliver(tx, event.id, both(a, 'TERMINATION_DECIDED', '解约申请已同意', body));
  }
}
