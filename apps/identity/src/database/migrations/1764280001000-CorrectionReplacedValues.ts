import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an approved source-info correction replaced: the graduate's values of the corrected fields
 * just before the approval applied it (the reviewer's page shows them beside the new ones once the
 * record has changed). Corrections approved before this column existed keep it NULL.
 */
export class CorrectionReplacedValues1764280001000 implements MigrationInterface {
  name = 'CorrectionReplacedValues1764280001000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE source_info_corrections ADD COLUMN replaced jsonb`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE source_info_corrections DROP COLUMN replaced`);
  }
}
