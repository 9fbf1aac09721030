import { Inject, Injectable } from '@nestjs/common';
import { afterCommit } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { NotificationsRepository, type NewNotification } from './notifications.repository.js';
import {
  SUBSCRIBE_MESSAGE_SENDER,
  type SubscribeMessageSender,
} from './subscribe-message.sender.js';

/** Writes inbox items for an event and, when configured, pushes them to bound graduates' WeChat. */
@Injectable()
export class InboxService {
  constructor(
    private readonly notifications: NotificationsRepository,
    @Inject(SUBSCRIBE_MESSAGE_SENDER) private readonly sender: SubscribeMessageSender,
  ) {}

  async deliver(tx: EntityManager, eventId: string, items: NewNotification[]): Promise<void> {
    await this.notifications.add(tx, eventId, items);
    if (!this.sender.enabled) return;
    for (const n of items.filter((i) => i.recipient.startsWith('graduate:'))) {
      const openId = await this.notifications.openIdOfGraduate(
        tx,
        n.recipient.slice('graduate:'.length),
      );
      // Only once the inbox row has committed (never for a rolled-back attempt); a push is a
      // courtesy, the inbox row is the record.
      if (openId) afterCommit(tx, () => this.sender.send(openId, n));
    }
  }
}
