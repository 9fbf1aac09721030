import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { BindWechatUseCase } from './use-cases/bind-wechat.use-case.js';
import { ReleaseBindingUseCase } from './use-cases/release-binding.use-case.js';
import { WechatLoginUseCase } from './use-cases/wechat-login.use-case.js';
import { WechatClient } from './wechat.client.js';
import { WechatNatsController } from './wechat.nats.controller.js';

@Module({
  imports: [AuthModule, RosterModule],
  controllers: [WechatNatsController],
  providers: [WechatClient, WechatLoginUseCase, BindWechatUseCase, ReleaseBindingUseCase],
  exports: [WechatClient],
})
export class WechatModule {}
