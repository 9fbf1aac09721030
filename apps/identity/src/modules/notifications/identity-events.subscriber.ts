import { Injectable } from '@nestjs/common';
import { sourceInfoCorrectionDecided, type EventEnvelope } from '@netsign/contracts';
import { EventSubscriber, OnEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { InboxService } from './inbox.service.js';

type Payload<C> = C extends { payload: { parse(v: unknown): infer P } } ? P : never;

/** Identity's own events that a graduate should hear about. */
@Injectable()
@EventSubscriber({ name: 'notifications-identity' })
export class IdentityEventsSubscriber {
  constructor(private readonly inbox: InboxService) {}

  @OnEvent(sourceInfoCorrectionDecided)
  async correctionDecided(
    event: EventEnvelope<Payload<typeof sourceInfoCorrectionDecided>>,
    tx: EntityManager,
  ) {
    const p = event.payload;
    const approved = p.decision === 'APPROVE';
    await this.inbox.deliver(tx, event.id, [
      {
        recipient: `graduate:${p.graduateId}`,
        kind: 'SOURCE_INFO_CORRECTION_DECIDED',
        title: approved ? '生源信息更正已通过' : '生源信息更正未通过',
        body: approved
          ? '学校已按您的申请更正生源信息，请核对后确认。'
          : `学校未同意您的更正申请：${p.reason ?? ''}`,
        data: { correctionId: p.correctionId, decision: p.decision },
      },
    ]);
  }
}
