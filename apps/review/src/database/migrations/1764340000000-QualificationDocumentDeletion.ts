import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An employer may delete its qualification documents. The row and its stored file stay (an audit
 * can still read what a reviewer was shown); `deleted_at` hides the document from everyone else.
 */
export class QualificationDocumentDeletion1764340000000 implements MigrationInterface {
  name = 'QualificationDocumentDeletion1764340000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE qualification_documents ADD COLUMN deleted_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE qualification_documents DROP COLUMN deleted_at`);
  }
}
