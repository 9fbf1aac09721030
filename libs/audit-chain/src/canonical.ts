/**
 * The one serialisation an audit hash is taken over: JSON with object members sorted by key
 * (UTF-16 code units, as RFC 8785 JCS does), no whitespace, numbers and strings as JSON.stringify
 * writes them. A value is first put through JSON (Dates become ISO strings, undefined members
 * disappear), so what is hashed is exactly what a jsonb column keeps and gives back.
 */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function canonicalJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('canonicalJson: value has no JSON form');
  return write(JSON.parse(text) as JsonValue);
}

function write(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(value[k]!)}`).join(',')}}`;
}

/**
 * Time as the chain records it: ISO 8601 in UTC with microseconds, the precision of a Postgres
 * timestamptz (`2026-05-20T08:30:00.123000Z`). Writers store a JS Date (milliseconds), so the
 * last three digits are zeros for every entry written by the services; rows that existed before
 * the chain keep whatever precision they had.
 */
export function canonicalTime(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError('canonicalTime: invalid date');
  return at.toISOString().replace(/Z$/, '000Z');
}

/** The SQL that renders a timestamptz column exactly as canonicalTime renders a Date. */
export function canonicalTimeSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}
