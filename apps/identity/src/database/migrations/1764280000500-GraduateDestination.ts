import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The graduate's destination as signing announces it (signing owns it), kept beside the roster so
 * a school can list "who has not signed yet" with one filtered, paged query.
 */
export class GraduateDestination1764280000500 implements MigrationInterface {
  name = 'GraduateDestination1764280000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE graduates ADD COLUMN destination text NOT NULL DEFAULT 'AWAITING_EMPLOYMENT'`,
    );
    await runner.query(`ALTER TABLE graduates ADD COLUMN destination_changed_at timestamptz`);
    await runner.query(
      `CREATE INDEX graduates_destination ON graduates (school_code, destination)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX graduates_destination`);
    await runner.query(`ALTER TABLE graduates DROP COLUMN destination_changed_at`);
    await runner.query(`ALTER TABLE graduates DROP COLUMN destination`);
  }
}
