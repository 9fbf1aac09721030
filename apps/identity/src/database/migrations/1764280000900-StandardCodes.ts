import {
  EMPLOYER_NATURES,
  INDUSTRIES,
  regionCodeOfName,
  type CodeTable,
} from '@netsign/standard-codes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Standard codes beside the free-text names (docs/standard-codes.md): employers' 单位性质, industry
 * and region codes, graduates' 生源地 code. Existing rows get a code only where their text is
 * exactly (and unambiguously) a table name; the rest keep their text and are listed by the view
 * `standard_codes_unmapped`, which operators read (`npm run codes:unmapped`) to fix them by hand.
 */
export class StandardCodes1764280000900 implements MigrationInterface {
  name = 'StandardCodes1764280000900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE employers
        ADD COLUMN nature_code   text,
        ADD COLUMN industry_code text,
        ADD COLUMN region_code   text`);
    await runner.query(`ALTER TABLE graduates ADD COLUMN origin_region_code text`);

    const table = (t: CodeTable) => (text: string) => t.codeOfName(text);
    await mapColumn(runner, 'employers', 'nature', 'nature_code', table(EMPLOYER_NATURES));
    await mapColumn(runner, 'employers', 'industry', 'industry_code', table(INDUSTRIES));
    await mapColumn(runner, 'employers', 'address', 'region_code', regionCodeOfName);
    await mapColumn(runner, 'graduates', 'origin_place', 'origin_region_code', regionCodeOfName);

    await runner.query(`
      CREATE VIEW standard_codes_unmapped AS
      SELECT 'employers'::text AS table_name, id::text AS row_id, 'nature'::text AS field, nature AS text
        FROM employers WHERE nature_code IS NULL
      UNION ALL
      SELECT 'employers', id::text, 'industry', industry FROM employers WHERE industry_code IS NULL
      UNION ALL
      SELECT 'employers', id::text, 'address', address FROM employers WHERE region_code IS NULL
      UNION ALL
      SELECT 'graduates', id::text, 'origin_place', origin_place FROM graduates WHERE origin_region_code IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW standard_codes_unmapped`);
    await runner.query(`ALTER TABLE graduates DROP COLUMN origin_region_code`);
    await runner.query(`
      ALTER TABLE employers DROP COLUMN region_code, DROP COLUMN industry_code, DROP COLUMN nature_code`);
  }
}

/** Sets `codeColumn` for every distinct text `codeOf` maps; one statement per column. */
async function mapColumn(
  runner: QueryRunner,
  tableName: string,
  textColumn: string,
  codeColumn: string,
  codeOf: (text: string) => string | undefined,
): Promise<void> {
  const rows: Array<{ text: string }> = await runner.query(
    `SELECT DISTINCT ${textColumn} AS text FROM ${tableName}`,
  );
  const mapped = rows.flatMap(({ text }) => {
    const code = codeOf(text);
    return code ? [{ text, code }] : [];
  });
  if (mapped.length === 0) return;
  await runner.query(
    `UPDATE ${tableName} t SET ${codeColumn} = m.code
       FROM json_to_recordset($1::json) AS m(text text, code text)
      WHERE t.${textColumn} = m.text`,
    [JSON.stringify(mapped)],
  );
}
