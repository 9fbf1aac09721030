import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A QR card can be voided before it expires: when the graduate's WeChat binding is released (the
 * card may be in a stranger's hands) and when the graduate issues a newer card.
 */
export class QrCardVoiding1764310000000 implements MigrationInterface {
  name = 'QrCardVoiding1764310000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE qr_cards ADD COLUMN voided_at timestamptz`);
    await runner.query(
      `CREATE INDEX qr_cards_graduate_live ON qr_cards (graduate_id) WHERE voided_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX qr_cards_graduate_live`);
    await runner.query(`ALTER TABLE qr_cards DROP COLUMN voided_at`);
  }
}
