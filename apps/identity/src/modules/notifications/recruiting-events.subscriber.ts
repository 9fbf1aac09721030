import { Injectable } from '@nestjs/common';
import { interviewInvited, offerSent, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

/** Interview invitations and signing offers land in the graduate's inbox. */
@Injectable()
@EventSubscriber({ name: 'notifications-recruiting' })
export class RecruitingEventsSubscriber {
  constructor(private readonly inbox: InboxService) {}

  @OnEvent(interviewInvited)
  async invited(event: EventEnvelope<Payload<typeof interviewInvited>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `graduate:${p.graduateId}`,
        kind: 'INTERVIEW_INVITATION',
        title: '面试邀请',
        body: `您收到岗位“${p.positionTitle}”的面试邀请，时间 ${p.at}，地点 ${p.place}。`,
        data: {
          invitationId: p.invitationId,
          applicationId: p.applicationId,
          at: p.at,
          place: p.place,
        },
      },
    ]);
  }

  @OnEvent(offerSent)
  async offer(event: EventEnvelope<Payload<typeof offerSent>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `graduate:${p.graduateId}`,
        kind: 'SIGNING_OFFER',
        title: '签约通知',
        body: `您收到岗位“${p.positionTitle}”的签约通知，请及时处理。`,
        data: { offerId: p.offerId, expiresAt: p.expiresAt },
      },
    ]);
  }
}
