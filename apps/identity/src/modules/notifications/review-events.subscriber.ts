import { Injectable } from '@nestjs/common';
import { terminationDecided, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

/**
 * A counsellor disagreed with a termination (an agreement is announced by signing's
 * `terminated` event instead). The graduate is found through the agreement's signing event; if
 * that has not arrived yet, throwing lets the consumer retry later.
 */
@Injectable()
@EventSubscriber({ name: 'notifications-review' })
export class ReviewEventsSubscriber {
  constructor(private readonly inbox: InboxService) {}

  @OnEvent(terminationDecided)
  async terminationDecided(
    event: EventEnvelope<Payload<typeof terminationDecided>>,
    tx: EntityManager,
  ) {
    const p = event.payload;
    if (p.decision !== 'DISAGREE') return;
    const rows: Array<{ graduate_id: string }> = await tx.query(
      `SELECT graduate_id FROM agreement_parties WHERE agreement_id = $1`,
      [p.agreementId],
    );
    if (!rows[0]) throw new Error(`agreement ${p.agreementId} not known yet`);
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `graduate:${rows[0].graduate_id}`,
        kind: 'TERMINATION_DECIDED',
        title: '解约申请未获同意',
        body: `辅导员不同意解约：${p.reason ?? ''}`,
        data: { terminationId: p.terminationId, agreementId: p.agreementId, decision: p.decision },
      },
    ]);
  }
}
