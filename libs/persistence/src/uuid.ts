const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Whether a string is a uuid as Postgres prints one. Compare a uuid column with a parameter only
 * after this check (`id = $1`), never as text (`id::text = $1`): the cast hides the primary key's
 * index and reads the whole table, and a parameter that is not a uuid would otherwise fail the
 * statement.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
