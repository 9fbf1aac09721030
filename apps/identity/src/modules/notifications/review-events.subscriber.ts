import { Injectable } from '@nestjs/common';
import { terminationApplied, terminationDecided, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';
import type { NewNotification } from './notifications.repository.js';

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
  constructor(private readonly inbox: InboxService) {}

  @OnEvent(terminationApplied)
  async terminationApplied(
    event: EventEnvelope<Payload<typeof terminationApplied>>,
    tx: EntityManager,
  ) {
    const p = event.payload;
    // Counsellors assigned the graduate (by id or class); if none is, the school's admins.
    const rows: Array<{ id: string; name: string; student_no: string }> = await tx.query(
      `WITH g AS (SELECT id, school_code, class_name, name, student_no FROM graduates WHERE id::text = $1),
            counsellors AS (
              SELECT u.id FROM users u, g
               WHERE u.role = 'COUNSELLOR' AND u.school_code = g.school_code
                 AND (g.id = ANY(u.scope_graduate_ids) OR g.class_name = ANY(u.scope_class_names)))
       SELECT c.id, g.name, g.student_no FROM counsellors c, g
       UNION ALL
       SELECT u.id, g.name, g.student_no FROM users u, g
        WHERE u.role = 'SCHOOL_ADMIN' AND u.school_code = g.school_code AND NOT EXISTS (SELECT 1 FROM counsellors)`,
      [p.graduateId],
    );
    const items: NewNotification[] = [];
    if (rows.length > 0) {
      const { name, student_no: studentNo } = rows[0]!;
      const who =
        p.applicant === 'EMPLOYER'
          ? `用人单位申请解除与毕业生${name}（学号 ${studentNo}）的就业协议`
          : `毕业生${name}（学号 ${studentNo}）申请解除就业协议`;
      items.push(
        ...rows.map((r) => ({
          recipient: `user:${r.id}`,
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
    const rows: Array<{ graduate_id: string; employer_id: string }> = await tx.query(
      `SELECT graduate_id, employer_id FROM agreement_parties WHERE agreement_id = $1`,
      [p.agreementId],
    );
    if (!rows[0]) throw new Error(`agreement ${p.agreementId} not known yet`);
    const told = {
      kind: 'TERMINATION_DECIDED',
      title: '解约申请未获同意',
      body: `辅导员不同意解约：${p.reason ?? ''}`,
      data: { terminationId: p.terminationId, agreementId: p.agreementId, decision: p.decision },
    };
    await this.inbox.deliver(tx, event.id, [
      { recipient: `graduate:${rows[0].graduate_id}`, ...told },
      // The employer applied: it is told too (the graduate knew of the application from its own notice).
      ...(p.applicant === 'EMPLOYER'
        ? [{ recipient: `employer:${rows[0].employer_id}`, ...told }]
        : []),
    ]);
  }
}
