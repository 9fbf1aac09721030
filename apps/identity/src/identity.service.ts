import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { identityMigrations } from './database/migrations.js';
import { identityEnvSchema } from './identity.env.js';
import { identityEntities } from './modules/identity.entities.js';

export const identityService: ServiceDefinition<typeof identityEnvSchema> = {
  name: 'identity',
  envSchema: identityEnvSchema,
  entities: identityEntities,
  migrations: identityMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
