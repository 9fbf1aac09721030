import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { printingMigrations } from './database/migrations.js';
import { printingEnvSchema } from './printing.env.js';

export const printingService: ServiceDefinition<typeof printingEnvSchema> = {
  name: 'printing',
  envSchema: printingEnvSchema,
  entities: [],
  migrations: printingMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
