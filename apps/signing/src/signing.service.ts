import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { signingMigrations } from './database/migrations.js';
import { signingEntities } from './modules/signing.entities.js';
import { signingEnvSchema } from './signing.env.js';

export const signingService: ServiceDefinition<typeof signingEnvSchema> = {
  name: 'signing',
  envSchema: signingEnvSchema,
  entities: signingEntities,
  migrations: signingMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
