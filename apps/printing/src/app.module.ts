import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditAnchorModule } from '@netsign/audit-chain';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { PrintingModule } from './modules/printing.module.js';
import { PRINTING_ENV, type PrintingEnv } from './printing.env.js';

@Global()
@Module({})
class PrintingEnvModule {
  static register(env: PrintingEnv): DynamicModule {
    return {
      module: PrintingEnvModule,
      providers: [{ provide: PRINTING_ENV, useValue: env }],
      exports: [PRINTING_ENV],
    };
  }
}

@Module({})
export class AppModule {
  static register(env: PrintingEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PrintingEnvModule.register(env),
        PersistenceModule.forTypeOrm(dataSource),
        MessagingModule.forService({ service: 'printing', env, schema: 'printing' }),
        PrintingModule,
        AuditAnchorModule.forService('printing'),
      ],
    };
  }
}
