import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AuditAnchorModule } from '@netsign/audit-chain';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { createFileStore } from './modules/files/create-file-store.js';
import { FILE_STORE } from './modules/files/file-store.js';
import { ReviewModule } from './modules/review.module.js';
import { REVIEW_ENV, type ReviewEnv } from './review.env.js';

@Global()
@Module({})
class ReviewEnvModule {
  static register(env: ReviewEnv): DynamicModule {
    return {
      module: ReviewEnvModule,
      providers: [
        { provide: REVIEW_ENV, useValue: env },
        { provide: FILE_STORE, useFactory: () => createFileStore(env) },
      ],
      exports: [REVIEW_ENV, FILE_STORE],
    };
  }
}

@Module({})
export class AppModule {
  static register(env: ReviewEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ReviewEnvModule.register(env),
        PersistenceModule.forTypeOrm(dataSource),
        MessagingModule.forService({ service: 'review', env, schema: 'review' }),
        ReviewModule,
        AuditAnchorModule.forService('review'),
      ],
    };
  }
}
