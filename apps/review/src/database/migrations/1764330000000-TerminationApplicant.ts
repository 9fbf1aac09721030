import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Either party of an agreement may apply to terminate it: each application records who applied.
 * Every application before this change was the graduate's. An employer lists the applications
 * about its agreements: the projection is indexed by employer.
 */
export class TerminationApplicant1764330000000 implements MigrationInterface {
  name = 'TerminationApplicant1764330000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE terminations ADD COLUMN applicant text NOT NULL DEFAULT 'GRADUATE' CHECK (applicant IN ('GRADUATE', 'EMPLOYER'))`,
    );
    await runner.query(`CREATE INDEX agreements_employer ON agreements (employer_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX agreements_employer`);
    await runner.query(`ALTER TABLE terminations DROP COLUMN applicant`);
  }
}
