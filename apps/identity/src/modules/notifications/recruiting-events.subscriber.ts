import { Injectable } from '@nestjs/common';
import {
  applicationSubmitted,
  interviewInvited,
  interviewResponded,
  interviewResultRecorded,
  interviewWithdrawn,
  offerDeclined,
  offerExpired,
  offerSent,
  type EventEnvelope,
  type EventPayload,
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';
import type { NewNotification } from './notifications.repository.js';

type Event<C> = EventEnvelope<EventPayload<C>>;
type Parties = { graduateId: string; employerId: string };
type Message = Omit<NewNotification, 'recipient'>;

const toGraduate = (p: Parties, m: Message): NewNotification => ({
  recipient: `graduate:${p.graduateId}`,
  ...m,
});
const toEmployer = (p: Parties, m: Message): NewNotification => ({
  recipient: `employer:${p.employerId}`,
  ...m,
});

/** Each step of campus recruiting lands in the other party's inbox. */
@Injectable()
@EventSubscriber({ name: 'notifications-recruiting' })
export class RecruitingEventsSubscriber {
  constructor(private readonly inbox: InboxService) {}

  @OnEvent(applicationSubmitted)
  async applied({ id, payload: p }: Event<typeof applicationSubmitted>, tx: EntityManager) {
    await this.inbox.deliver(tx, id, [
      toEmployer(p, {
        kind: 'APPLICATION_SUBMITTED',
        title: '新的简历投递',
        body: `岗位“${p.positionTitle}”收到一份新的简历投递。`,
        data: { applicationId: p.applicationId, positionId: p.positionId },
      }),
    ]);
  }

  @OnEvent(interviewInvited)
  async invited({ id, payload: p }: Event<typeof interviewInvited>, tx: EntityManager) {
    await this.inbox.deliver(tx, id, [
      toGraduate(p, {
        kind: 'INTERVIEW_INVITATION',
        title: '面试邀请',
        body: `您收到岗位“${p.positionTitle}”的面试邀请，时间 ${p.at}，地点 ${p.place}。`,
        data: {
          invitationId: p.invitationId,
          applicationId: p.applicationId,
          at: p.at,
          place: p.place,
        },
      }),
    ]);
  }

  @OnEvent(interviewWithdrawn)
  async withdrawn({ id, payload: p }: Event<typeof interviewWithdrawn>, tx: EntityManager) {
    await this.inbox.deliver(tx, id, [
      toGraduate(p, {
        kind: 'INTERVIEW_WITHDRAWN',
        title: '面试邀请已撤回',
        body: `岗位“${p.positionTitle}”的面试邀请已被用人单位撤回。`,
        data: { invitationId: p.invitationId },
      }),
    ]);
  }

  @OnEvent(interviewResponded)
  async responded({ id, payload: p }: Event<typeof interviewResponded>, tx: EntityManager) {
    const answer = p.accepted ? '接受' : '拒绝';
    await this.inbox.deliver(tx, id, [
      toEmployer(p, {
        kind: p.accepted ? 'INTERVIEW_ACCEPTED' : 'INTERVIEW_DECLINED',
        title: `面试邀请已${answer}`,
        body: `毕业生已${answer}岗位“${p.positionTitle}”的面试邀请。`,
        data: { invitationId: p.invitationId, accepted: p.accepted },
      }),
    ]);
  }

  /** A pass with an offer is told by the offer itself (offerSent); here the rest. */
  @OnEvent(interviewResultRecorded, { when: (e) => e.payload.offerId === null })
  async result({ id, payload: p }: Event<typeof interviewResultRecorded>, tx: EntityManager) {
    await this.inbox.deliver(tx, id, [
      toGraduate(p, {
        kind: 'INTERVIEW_RESULT',
        title: '面试结果',
        body: p.passed
          ? `您已通过岗位“${p.positionTitle}”的面试。`
          : `很遗憾，您未通过岗位“${p.positionTitle}”的面试。`,
        data: { invitationId: p.invitationId, passed: p.passed },
      }),
    ]);
  }

  @OnEvent(offerSent)
  async offer({ id, payload: p }: Event<typeof offerSent>, tx: EntityManager) {
    await this.inbox.deliver(tx, id, [
      toGraduate(p, {
        kind: 'SIGNING_OFFER',
        title: '签约通知',
        body: `您收到岗位“${p.positionTitle}”的签约通知，请及时处理。`,
        data: { offerId: p.offerId, expiresAt: p.expiresAt },
      }),
    ]);
  }

  @OnEvent(offerDeclined)
  async declined({ id, payload: p }: Event<typeof offerDeclined>, tx: EntityManager) {
    await this.inbox.deliver(tx, id, [
      toEmployer(p, {
        kind: 'SIGNING_OFFER_DECLINED',
        title: '签约通知已被拒绝',
        body: `毕业生拒绝了岗位“${p.positionTitle}”的签约通知。`,
        data: { offerId: p.offerId },
      }),
    ]);
  }

  @OnEvent(offerExpired)
  async expired({ id, payload: p }: Event<typeof offerExpired>, tx: EntityManager) {
    const message = {
      kind: 'SIGNING_OFFER_EXPIRED',
      title: '签约通知已过期',
      body: `岗位“${p.positionTitle}”的签约通知已过期。`,
      data: { offerId: p.offerId },
    };
    await this.inbox.deliver(tx, id, [toGraduate(p, message), toEmployer(p, message)]);
  }
}
