import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Session versions (carried in tokens as `sv`): a graduate's WeChat binding and a password
 * account's sessions each have one, raised when identity revokes them. The gateway refuses tokens
 * of an older version, so revocation no longer depends on the second a token was issued in.
 */
export class SessionVersions1764280000700 implements MigrationInterface {
  name = 'SessionVersions1764280000700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `ALTER TABLE graduates ADD COLUMN binding_version integer NOT NULL DEFAULT 0`,
    );
    await runner.query(`ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE users DROP COLUMN session_version`);
    await runner.query(`ALTER TABLE graduates DROP COLUMN binding_version`);
  }
}
