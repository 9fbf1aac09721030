import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SigningKeys1764280000100 implements MigrationInterface {
  name = 'SigningKeys1764280000100';

  async up(runner: QueryRunner): Promise<void> {
    // Private keys generated here when none is configured; `retired_at` keeps old keys verifiable.
    await runner.query(`
      CREATE TABLE signing_keys (
        kid         text PRIMARY KEY,
        private_pem text NOT NULL,
        public_jwk  jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        retired_at  timestamptz
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE signing_keys`);
  }
}
