import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { recruitingMigrations } from './database/migrations.js';
import { recruitingEntities } from './modules/recruiting.entities.js';
import { recruitingEnvSchema } from './recruiting.env.js';

export const recruitingService: ServiceDefinition<typeof recruitingEnvSchema> = {
  name: 'recruiting',
  envSchema: recruitingEnvSchema,
  entities: recruitingEntities,
  migrations: recruitingMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
