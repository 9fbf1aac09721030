import { DataSource, type MixedList, type EntitySchema } from 'typeorm';
import { quoteIdent } from './prepare-database.js';

export interface ServiceDataSourceOptions {
  url: string;
  /** The Postgres schema this service owns; nothing else reads or writes it. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

export function createServiceDataSource(options: ServiceDataSourceOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // Errors surface as exceptions; TypeORM's own logging would print query parameters.
    logging: false,
    applicationName: options.applicationName ?? options.schema,
    extra: {
      max: options.poolSize ?? 10,
      // Unqualified names in raw SQL resolve to the service's own schema.
      options: `-c search_path=${quoteIdent(options.schema)},public`,
    },
  });
}

/**
 * Creates the schema if missing and applies pending migrations under an advisory lock, so that
 * replicas starting together do not run the same migration twice.
 */
export async function migrateServiceSchema(dataSource: DataSource, schema: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

export async function revertServiceSchema(dataSource: DataSource, steps: number): Promise<void> {
  for (let i = 0; i < steps; i++) await dataSource.undoLastMigration({ transaction: 'each' });
}
