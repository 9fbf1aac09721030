#!/usr/bin/env node
// `npm run codes:unmapped [-- --json]`: lists the rows whose free text the standard-codes
// migrations could not map to a code (docs/standard-codes.md), from each service's
// `standard_codes_unmapped` view in the database at DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/employment). Operators fix them by hand (or have
// the school re-import with codes). Exit 0 always when the database answers; 1 when it does not.
import pg from 'pg';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment';
const json = process.argv.includes('--json');
const SCHEMAS = ['identity', 'signing'];

const client = new pg.Client({ connectionString: url });
try {
  await client.connect();
} catch (err) {
  console.error(
    `codes:unmapped: cannot reach ${url.replace(/:[^:@/]+@/, ':***@')}: ${err.message}`,
  );
  process.exit(1);
}
const report = {};
for (const schema of SCHEMAS) {
  const exists = await client.query(
    `SELECT 1 FROM information_schema.views WHERE table_schema = $1 AND table_name = 'standard_codes_unmapped'`,
    [schema],
  );
  if (exists.rowCount === 0) continue;
  const { rows } = await client.query(
    `SELECT table_name, field, text, count(*)::int AS rows, min(row_id) AS example_row
       FROM "${schema}".standard_codes_unmapped
      GROUP BY table_name, field, text ORDER BY table_name, field, rows DESC, text`,
  );
  report[schema] = rows;
}
await client.end();

if (json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  for (const [schema, rows] of Object.entries(report)) {
    const total = rows.reduce((n, r) => n + r.rows, 0);
    console.log(`${schema}: ${total} row(s) without a code, ${rows.length} distinct text(s)`);
    for (const r of rows) {
      console.log(
        `  ${r.table_name}.${r.field}  ${JSON.stringify(r.text)}  × ${r.rows}  (e.g. ${r.example_row})`,
      );
    }
  }
}
