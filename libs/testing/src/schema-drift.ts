import type { DataSource } from 'typeorm';

/**
 * The statements TypeORM's `synchronize` would run to make the database match the data source's
 * entities: none when the entities describe exactly what the hand-written migrations built.
 */
export async function schemaDrift(dataSource: DataSource): Promise<string[]> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return log.upQueries.map((q) => q.query);
}
