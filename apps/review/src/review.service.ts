import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { reviewMigrations } from './database/migrations.js';
import { reviewEntities } from './modules/review.entities.js';
import { reviewEnvSchema } from './review.env.js';

export const reviewService: ServiceDefinition<typeof reviewEnvSchema> = {
  name: 'review',
  envSchema: reviewEnvSchema,
  entities: reviewEntities,
  migrations: reviewMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
