import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import type { DispatchSyncEnv } from './dispatch-sync.env.js';

@Module({})
export class AppModule {
  static register(env: DispatchSyncEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(dataSource),
        MessagingModule.forService({ service: 'dispatch-sync', env, schema: 'dispatch_sync' }),
      ],
    };
  }
}
