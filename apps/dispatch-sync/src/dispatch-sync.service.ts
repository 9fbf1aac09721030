import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { dispatchSyncMigrations } from './database/migrations.js';
import { dispatchSyncEnvSchema } from './dispatch-sync.env.js';
import { dispatchSyncEntities } from './modules/dispatch-sync.entities.js';

export const dispatchSyncService: ServiceDefinition<typeof dispatchSyncEnvSchema> = {
  name: 'dispatch-sync',
  envSchema: dispatchSyncEnvSchema,
  entities: dispatchSyncEntities,
  migrations: dispatchSyncMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
