import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditAnchorModule } from '@netsign/audit-chain';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { AgreementsModule } from './modules/agreements/agreements.module.js';
import { SIGNING_ENV, type SigningEnv } from './signing.env.js';

@Global()
@Module({})
class SigningEnvModule {
  static register(env: SigningEnv): DynamicModule {
    return {
      module: SigningEnvModule,
      providers: [{ provide: SIGNING_ENV, useValue: env }],
      exports: [SIGNING_ENV],
    };
  }
}

@Module({})
export class AppModule {
  static register(env: SigningEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        SigningEnvModule.register(env),
        PersistenceModule.forTypeOrm(dataSource),
        MessagingModule.forService({ service: 'signing', env, schema: 'signing' }),
        AgreementsModule,
        AuditAnchorModule.forService('signing'),
      ],
    };
  }
}
