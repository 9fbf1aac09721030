import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { RecruitingModule } from './modules/recruiting.module.js';
import type { RecruitingEnv } from './recruiting.env.js';

@Module({})
export class AppModule {
  static register(env: RecruitingEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forTypeOrm(dataSource),
        MessagingModule.forService({ service: 'recruiting', env, schema: 'recruiting' }),
        RecruitingModule,
      ],
    };
  }
}
