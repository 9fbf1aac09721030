import { EMPLOYER_NATURES, INDUSTRIES } from '@netsign/standard-codes';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 毕业去向代码 beside each graduate's destination (docs/standard-codes.md): every category but
 * OTHER has one default code, so existing rows map exactly; OTHER rows stay without a code and are
 * listed by `standard_codes_unmapped`, as are employers (signing's projection) whose 单位性质 or
 * industry text is no table name. Agreements keep the snapshot they were signed with.
 */
export class StandardCodes1764330000000 implements MigrationInterface {
  name = 'StandardCodes1764330000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE graduates ADD COLUMN destination_code text`);
    await runner.query(`ALTER TABLE destination_changes ADD COLUMN destination_code text`);
    await runner.query(`
      UPDATE graduates SET destination_code = CASE destination
        WHEN 'AWAITING_EMPLOYMENT' THEN '70'
        WHEN 'SIGNED_ONLINE' THEN '10'
        WHEN 'SIGNED_OFFLINE' THEN '10'
        WHEN 'FURTHER_STUDY' THEN '80'
        ELSE NULL END`);

    // Employers as signing snapshots them: codes added where the text is exactly a table name.
    const employers: Array<{ employer_id: string; nature: string; industry: string }> =
      await runner.query(
        `SELECT employer_id, snapshot->>'nature' AS nature, snapshot->>'industry' AS industry FROM employers
          WHERE NOT (snapshot ? 'natureCode') OR NOT (snapshot ? 'industryCode')`,
      );
    const codes = employers.map((e) => ({
      id: e.employer_id,
      codes: {
        ...(EMPLOYER_NATURES.codeOfName(e.nature ?? '') && {
          natureCode: EMPLOYER_NATURES.codeOfName(e.nature),
        }),
        ...(INDUSTRIES.codeOfName(e.industry ?? '') && {
          industryCode: INDUSTRIES.codeOfName(e.industry),
        }),
      },
    }));
    const mapped = codes.filter((c) => Object.keys(c.codes).length > 0);
    if (mapped.length > 0) {
      await runner.query(
        `UPDATE employers e SET snapshot = m.codes || e.snapshot
           FROM json_to_recordset($1::json) AS m(id text, codes jsonb) WHERE e.employer_id = m.id`,
        [JSON.stringify(mapped)],
      );
    }

    await runner.query(`
      CREATE VIEW standard_codes_unmapped AS
      SELECT 'graduates'::text AS table_name, graduate_id AS row_id, 'destination'::text AS field, destination AS text
        FROM graduates WHERE destination_code IS NULL
      UNION ALL
      SELECT 'employers', employer_id, 'nature', snapshot->>'nature' FROM employers WHERE NOT (snapshot ? 'natureCode')
      UNION ALL
      SELECT 'employers', employer_id, 'industry', snapshot->>'industry' FROM employers WHERE NOT (snapshot ? 'industryCode')`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP VIEW standard_codes_unmapped`);
    await runner.query(`ALTER TABLE destination_changes DROP COLUMN destination_code`);
    await runner.query(`ALTER TABLE graduates DROP COLUMN destination_code`);
    // The codes added to employers' snapshots stay: later registrations carry them anyway.
  }
}
