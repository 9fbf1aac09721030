import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Positions can be edited and closed: a revision per change (carried by position.changed). */
export class PositionRevisions1764300000000 implements MigrationInterface {
  name = 'PositionRevisions1764300000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE positions ADD COLUMN revision integer NOT NULL DEFAULT 1`);
    await runner.query(
      `ALTER TABLE positions ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE positions DROP COLUMN updated_at`);
    await runner.query(`ALTER TABLE positions DROP COLUMN revision`);
  }
}
