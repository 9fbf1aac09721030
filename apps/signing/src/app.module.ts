import { Module, type DynamicModule } from '@nestjs/common';
import { MessagingModule } from '@netsign/messaging';
import { PersistenceModule } from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import type { SigningEnv } from './signing.env.js';

@Module({})
export class AppModule {
  static register(env: SigningEnv, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PersistenceModule.forRoot(dataSource),
        MessagingModule.forService({ service: 'signing', env, schema: 'signing' }),
      ],
    };
  }
}
