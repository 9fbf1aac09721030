import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Records of kind DESTINATION: a destination the school recorded, or an unlock (decision 0007). */
export class DestinationRecords1764400000000 implements MigrationInterface {
  name = 'DestinationRecords1764400000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch_records DROP CONSTRAINT dispatch_records_kind_check`);
    await runner.query(`
      ALTER TABLE dispatch_records ADD CONSTRAINT dispatch_records_kind_check
        CHECK (kind IN ('EMPLOYMENT', 'TERMINATION', 'DESTINATION'))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE dispatch_records DROP CONSTRAINT dispatch_records_kind_check`);
    await runner.query(`
      ALTER TABLE dispatch_records ADD CONSTRAINT dispatch_records_kind_check
        CHECK (kind IN ('EMPLOYMENT', 'TERMINATION')) NOT VALID`);
  }
}
