import { DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/**
 * The one mapping from a raw row of a table to its entity, read from the entity's metadata
 * (column names and types), for the statements a repository keeps as SQL (prepared statements,
 * `UPDATE … RETURNING *`, `FOR UPDATE SKIP LOCKED`). Columns the row lacks stay unset.
 */
export function hydrate<T extends ObjectLiteral>(
  db: EntityManager | DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
): T {
  const dataSource = db instanceof DataSource ? db : db.dataSource;
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    if (!(column.databaseName in row)) continue;
    column.setEntityValue(
      entity,
      dataSource.driver.prepareHydratedValue(row[column.databaseName], column),
    );
  }
  return entity;
}
