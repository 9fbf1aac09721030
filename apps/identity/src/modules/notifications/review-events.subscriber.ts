import { Injectable } from '@nestjs/common';
import { terminationApplied, terminationDecided, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';
import { NotificationsRepository, type NewNotification } from './notifications.repository.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

/**
 * Terminations: an application reaches whoever decides it (the graduate's counsellors, else the
 * school's admins), and the graduate when the employer applied; a counsellor's disagreement
 * reaches the graduate, and the employer when it applied (an agreement is announced by
 * signing's `terminated` event instead). The graduate is found through the agreement's signing
 * event; if that has not arrived yet, throwing lets the consumer retry later.
 */
@Injectable()
@EventSubscriber({ name: 'notifications-review' })
export class ReviewEventsSubscriber {
  constructor(
    private readonly inbox: InboxService,
    private readonly notifications: NotificationsRepository,
  ) {}

  @OnEvent(terminationApplied)
  async terminationApplied(
    event: EventEnvelope<Payload<typeof terminationApplied>>,
    tx: EntityManager,
  ) {
    const p = event.payload;
    // Counsellors assigned the graduate (by id or class); if none is, the school's admins.
    const rows = await this.notifications.deciders(tx, p.graduateId);
    const items: NewNotification[] = [];
    if (rows.length > 0) {
      const { name, studentNo } = rows[0]!;
      const who =
        p.applicant === 'EMPLOYER'
          ? `用人单位申请解除与毕业生${name}（学号 ${studentNo}）的就业协议`
          : `毕业生${name}（学号 ${studentNo}）申请解除就业协议`;
      items.push(
        ...rows.map((r) => ({
          recipient: `user:${r.userId}`,
          kind: 'TERMINATION_APPLIED',
          title: '解约申请待处理',
          body: `${who}，请及时处理。`,
          data: {
            terminationId: p.terminationId,
            agreementId: p.agreementId,
            graduateId: p.graduateId,
            applicant: p.applicant ?? 'GRADUATE',
          },
        })),
      );
    }
    // The employer applied: the graduate hears of it from the platform, not only from the employer.
    if (p.applicant === 'EMPLOYER') {
      items.push({
        recipient: `graduate:${p.graduateId}`,
        kind: 'TERMINATION_APPLIED',
        title: '用人单位申请解除协议',
        body: '用人单位已申请解除您的就业协议，待辅导员审核；可在“我的协议”中查看。',
        data: { terminationId: p.terminationId, agreementId: p.agreementId, applicant: 'EMPLOYER' },
      });
    }
    if (items.length === 0) return; // nobody to tell (a school without staff accounts yet)
    await this.inbox.deliver(tx, event.id, items);
  }

  @OnEvent(terminationDecided)
  async terminationDecided(
    event: EventEnvelope<Payload<typeof terminationDecided>>,
    tx: EntityManager,
  ) {
    const p = event.payload;
    if (p.decision !== 'DISAGREE') return;
    const parties = await this.notifications.partiesOf(tx, p.agreementId);
    if (!parties) throw new Error(`agreement ${p.agreementId} not known yet`);
    const told = {
      kind: 'TERMINATION_DECIDED',
      title: '解约申请未获同意',
      body: `辅导员不同意解约：${p.reason ?? ''}`,
      data: { terminationId: p.terminationId, agreementId: p.agreementId, decision: p.decision },
    };
    await this.inbox.deliver(tx, event.id, [
      { recipient: `graduate:${parties.graduateId}`, ...told },
      // The employer applied: it is told too (the graduate knew of the application from its own notice).
      ...(p.applicant === 'EMPLOYER'
        ? [{ recipient: `employer:${parties.employerId}`, ...told }]
        : []),
    ]);
  }
}
