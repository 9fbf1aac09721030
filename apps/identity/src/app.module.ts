import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditAnchorModule } from '@netsign/audit-chain';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import type { IdentityEnv } from './identity.env.js';
import { IDENTITY_ENV } from './identity.tokens.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { PersonalDataModule } from './modules/personal-data/personal-data.module.js';
import { RosterModule } from './modules/roster/roster.module.js';
import { SourceInfoModule } from './modules/source-info/source-info.module.js';
import { WechatModule } from './modules/wechat/wechat.module.js';

@Global()
@Module({})
class IdentityEnvModule {
  static register(env: IdentityEnv): DynamicModule {
    return {
      module: IdentityEnvModule,
      providers: [{ provide: IDENTITY_ENV, useValue: env }],
      exports: [IDENTITY_ENV],
    };
  }
}

@Module({})
export class AppModule {
  static register(env: IdentityEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        IdentityEnvModule.register(env),
        PersistenceModule.forTypeOrm(dataSource),
        MessagingModule.forService({ service: 'identity', env, schema: 'identity' }),
        PersonalDataModule,
        AuthModule,
        AccountsModule,
        RosterModule,
        WechatModule,
        SourceInfoModule,
        NotificationsModule,
        AuditAnchorModule.forService('identity'),
      ],
    };
  }
}
