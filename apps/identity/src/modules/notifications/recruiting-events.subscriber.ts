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
} from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

/** Each step of campus recruiting lands in the other party's inbox. */
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

  @OnEvent(applicationSubmitted)
  async applied(event: EventEnvelope<Payload<typeof applicationSubmitted>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `employer:${p.employerId}`,
        kind: 'APPLICATION_SUBMITTED',
        title: '新的简历投递',
        body: `岗位“${p.positionTitle}”收到一份新的简历投递。`,
        data: { applicationId: p.applicationId, positionId: p.positionId },
      },
    ]);
  }

  @OnEvent(interviewWithdrawn)
  async withdrawn(event: EventEnvelope<Payload<typeof interviewWithdrawn>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `graduate:${p.graduateId}`,
        kind: 'INTERVIEW_WITHDRAWN',
        title: '面试邀请已撤回',
        body: `岗位“${p.positionTitle}”的面试邀请已被用人单位撤回。`,
        data: { invitationId: p.invitationId },
      },
    ]);
  }

  @OnEvent(interviewResponded)
  async responded(event: EventEnvelope<Payload<typeof interviewResponded>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `employer:${p.employerId}`,
        kind: p.accepted ? 'INTERVIEW_ACCEPTED' : 'INTERVIEW_DECLINED',
        title: p.accepted ? '面试邀请已接受' : '面试邀请已拒绝',
        body: `毕业生已${p.accepted ? '接受' : '拒绝'}岗位“${p.positionTitle}”的面试邀请。`,
        data: { invitationId: p.invitationId, accepted: p.accepted },
      },
    ]);
  }

  /** A pass with an offer is told by the offer itself (offerSent); here the rest. */
  @OnEvent(interviewResultRecorded, { when: (e) => e.payload.offerId === null })
  async result(event: EventEnvelope<Payload<typeof interviewResultRecorded>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `graduate:${p.graduateId}`,
        kind: 'INTERVIEW_RESULT',
        title: '面试结果',
        body: p.passed ? `您已通过岗位“${p.positionTitle}”的面试。` : `很遗憾，您未通过岗位“${p.positionTitle}”的面试。`,
        data: { invitationId: p.invitationId, passed: p.passed },
      },
    ]);
  }

  @OnEvent(offerDeclined)
  async declined(event: EventEnvelope<Payload<typeof offerDeclined>>, tx: EntityManager) {
    const p = event.payload;
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `employer:${p.employerId}`,
        kind: 'SIGNING_OFFER_DECLINED',
        title: '签约通知已被拒绝',
        body: `毕业生拒绝了岗位“${p.positionTitle}”的签约通知。`,
        data: { offerId: p.offerId },
      },
    ]);
  }

  @OnEvent(offerExpired)
  async expired(event: EventEnvelope<Payload<typeof offerExpired>>, tx: EntityManager) {
    const p = event.payload;
    const body = `岗位“${p.positionTitle}”的签约通知已过期。`;
    await this.inbox.deliver(tx, event.id, [
      { recipient: `graduate:${p.graduateId}`, kind: 'SIGNING_OFFER_EXPIRED', title: '签约通知已过期', body, data: { offerId: p.offerId } },
      { recipient: `employer:${p.employerId}`, kind: 'SIGNING_OFFER_EXPIRED', title: '签约通知已过期', body, data: { offerId: p.offerId } },
    ]);
  }
}
