import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import { GraduateEntity } from '../roster/graduate.entity.js';
import { AgreementPartyEntity } from './agreement-party.entity.js';
import { NotificationEntity } from './notification.entity.js';
import { IdentityEventsSubscriber } from './identity-events.subscriber.js';
import { InboxService } from './inbox.service.js';
import { NotificationsNatsController } from './notifications.nats.controller.js';
import { NotificationsRepository } from './notifications.repository.js';
import { RecruitingEventsSubscriber } from './recruiting-events.subscriber.js';
import { ReviewEventsSubscriber } from './review-events.subscriber.js';
import { SigningEventsSubscriber } from './signing-events.subscriber.js';
import {
  DisabledSubscribeMessageSender,
  SUBSCRIBE_MESSAGE_SENDER,
  WechatSubscribeMessageSender,
} from './subscribe-message.sender.js';

@Module({
  imports: [TypeOrmModule.forFeature([NotificationEntity, AgreementPartyEntity, GraduateEntity])],
  controllers: [NotificationsNatsController],
  providers: [
    NotificationsRepository,
    InboxService,
    {
      provide: SUBSCRIBE_MESSAGE_SENDER,
      inject: [IDENTITY_ENV],
      useFactory: (env: IdentityEnv) =>
        env.WECHAT_SUBSCRIBE_TEMPLATE_ID
          ? new WechatSubscribeMessageSender(env)
          : new DisabledSubscribeMessageSender(),
    },
    IdentityEventsSubscriber,
    RecruitingEventsSubscriber,
    SigningEventsSubscriber,
    ReviewEventsSubscriber,
  ],
})
export class NotificationsModule {}
