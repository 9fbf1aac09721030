import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import type { PrintingEnv } from './printing.env.js';

@Module({})
export class AppModule {
  static register(env: PrintingEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(dataSource),
        MessagingModule.forService({ service: 'printing', env, schema: 'printing' }),
      ],
    };
  }
}
