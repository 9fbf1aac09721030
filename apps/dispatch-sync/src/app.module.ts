import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import type { DispatchSyncEnv } from './dispatch-sync.env.js';
import { StatisticsModule } from './modules/statistics/statistics.module.js';

@Module({})
export class AppModule {
  static register(env: DispatchSyncEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(dataSource),
        MessagingModule.forService({ service: 'dispatch-sync', env, schema: 'dispatch_sync' }),
        StatisticsModule,
      ],
    };
  }
}
