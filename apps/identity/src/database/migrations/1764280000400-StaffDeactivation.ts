import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A staff account can be deactivated (someone left): it keeps its row, for the audit trail and
 * for the agreements it reviewed, but can no longer log in. School admins list their school's
 * staff, hence the index.
 */
export class StaffDeactivation1764280000400 implements MigrationInterface {
  name = 'StaffDeactivation1764280000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE users ADD COLUMN deactivated_at timestamptz`);
    await runner.query(
      `CREATE INDEX users_school ON users (school_code, created_at) WHERE school_code IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX users_school`);
    await runner.query(`ALTER TABLE users DROP COLUMN deactivated_at`);
  }
}
