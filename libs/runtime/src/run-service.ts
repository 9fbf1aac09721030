import { NestFactory } from '@nestjs/core';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { commonEnvSchema, loadEnv, natsServers, type CommonEnv } from '@netsign/config';
import type { ServiceName } from '@netsign/contracts';
import {
  MessagingRuntime,
  messagingEntities,
  PrefixedServerNats,
  RpcErrorFilter,
} from '@netsign/messaging';
import {
  createServiceDataSource,
  ensureDatabase,
  migrateServiceSchema,
  schemaNameOf,
  type ServiceDataSourceOptions,
} from '@netsign/persistence';
import type { DataSource, EntitySchema } from 'typeorm';
import type { z } from 'zod';
import { startHealthServer } from './health-server.js';
import { createPino, PinoNestLogger } from './logger.js';

export interface ServiceDefinition<S extends z.ZodType<CommonEnv>> {
  name: ServiceName;
  envSchema: S;
  /** The service's own tables; the runtime adds libs/messaging's outbox, inbox and parked events. */
  entities: Array<Function | EntitySchema>;
  /** The migrations in order, or a function of env for a migration that needs a key from it. */
  migrations:
    | ServiceDataSourceOptions['migrations']
    | ((env: z.infer<S>) => ServiceDataSourceOptions['migrations']);
  /** The root module, given validated env and the migrated data source. */
  module: (env: z.infer<S>, dataSource: DataSource) => DynamicModule;
}

export interface RunningService<E> {
  app: INestMicroservice;
  env: E;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * The one way every service starts: validate env → create database and schema if missing →
 * migrate under a lock → start Nest on NATS (queue group = service name) → backbone runtime.
 * Shutdown drains consumers and the relay, then NATS, then the pool.
 */
export async function runService<S extends z.ZodType<CommonEnv>>(
  def: ServiceDefinition<S>,
  source: NodeJS.ProcessEnv = process.env,
): Promise<RunningService<z.infer<S>>> {
  const env = loadEnv(def.name, def.envSchema, source);
  const log = createPino(def.name, env.LOG_LEVEL);
  const schema = schemaNameOf(def.name);
  await ensureDatabase(env.DATABASE_URL);
  const dataSource = createServiceDataSource({
    url: env.DATABASE_URL,
    schema,
    entities: [...def.entities, ...messagingEntities],
    migrations: migrationsOf(def, env),
    poolSize: env.DB_POOL_SIZE,
    applicationName: def.name,
  });
  await dataSource.initialize();
  try {
    await migrateServiceSchema(dataSource, schema);
    const app = await NestFactory.createMicroservice(def.module(env, dataSource), {
      strategy: new PrefixedServerNats(env.BUS_PREFIX, {
        servers: natsServers(env.NATS_URL),
        queue: def.name,
        name: def.name,
        gracefulShutdown: true,
        gracePeriod: 500,
        maxReconnectAttempts: -1,
        noAsyncTraces: true,
      }),
      logger: new PinoNestLogger(log),
    });
    app.useGlobalFilters(new RpcErrorFilter());
    await app.listen();
    const health =
      env.HEALTH_PORT === undefined
        ? null
        : await startHealthServer(env.HEALTH_PORT, '0.0.0.0', async () => {
            const reply = await app.get(MessagingRuntime).health();
            return { ready: reply.status === 'up', body: reply };
          });
    log.info(
      { schema, busPrefix: env.BUS_PREFIX || undefined, healthPort: env.HEALTH_PORT },
      `${def.name} ready`,
    );
    return {
      app,
      env,
      dataSource,
      close: async () => {
        health?.close();
        health?.closeAllConnections();
        await app.close();
      },
    };
  } catch (err) {
    if (dataSource.isInitialized) await dataSource.destroy();
    throw err;
  }
}

/** A service's migrations for this env (most lists do not depend on it). */
export function migrationsOf<S extends z.ZodType<CommonEnv>>(
  def: ServiceDefinition<S>,
  env: z.infer<S>,
): ServiceDataSourceOptions['migrations'] {
  return typeof def.migrations === 'function' ? def.migrations(env) : def.migrations;
}

/** For main.ts: runs the service, exits 1 with a clear message if it cannot start. */
export async function main<S extends z.ZodType<CommonEnv>>(
  def: ServiceDefinition<S>,
): Promise<void> {
  try {
    const service = await runService(def);
    service.app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  } catch (err) {
    process.stderr.write(`${def.name} failed to start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

export { commonEnvSchema };
