import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A paper form records the graduate's class at issue, so a counsellor's list (assigned graduates or
 * classes) is one SQL filter instead of a question to identity per graduate. Existing forms take
 * the class from the graduate's latest agreement where review has one; the rest stay NULL and are
 * found by a counsellor through an assignment by graduate id only.
 */
export class PaperFormClass1764310000000 implements MigrationInterface {
  name = 'PaperFormClass1764310000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE paper_forms ADD COLUMN class_name text`);
    await runner.query(`
      UPDATE paper_forms f SET class_name = latest.class_name
        FROM (SELECT DISTINCT ON (graduate_id) graduate_id, class_name FROM agreements
               ORDER BY graduate_id, signed_at DESC) latest
       WHERE latest.graduate_id = f.graduate_id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE paper_forms DROP COLUMN class_name`);
  }
}
