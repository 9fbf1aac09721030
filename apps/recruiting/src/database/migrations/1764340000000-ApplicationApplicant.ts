import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who applied, as the roster had them when they applied (name, school, department, major,
 * degree, year): the employer reads applications by person, not by an id. Applications made
 * before keep null (the employer sees the resume's contact details only).
 */
export class ApplicationApplicant1764340000000 implements MigrationInterface {
  name = 'ApplicationApplicant1764340000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE applications ADD COLUMN applicant jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE applications DROP COLUMN applicant`);
  }
}
