import type { ServiceDefinition } from '@netsign/runtime';
import { AppModule } from './app.module.js';
import { printingMigrations } from './database/migrations.js';
import { printingEntities } from './modules/printing.entities.js';
import { printingEnvSchema } from './printing.env.js';

export const printingService: ServiceDefinition<typeof printingEnvSchema> = {
  name: 'printing',
  envSchema: printingEnvSchema,
  entities: printingEntities,
  migrations: printingMigrations,
  module: (env, dataSource) => AppModule.register(env, dataSource),
};
