import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { SigningKeyCipher } from '../../modules/auth/signing-key-cipher.js';

/**
 * Token-signing private keys leave the database's plain text: each stored key is encrypted with
 * SIGNING_KEY_ENCRYPTION_KEY (`private_key_enc`, `enc_key_id`) and `private_pem` is dropped. Down
 * decrypts them back. The migration needs the key, so it is built from the service's env
 * (identityMigrations(env)).
 */
export function encryptSigningKeysMigration(cipher: SigningKeyCipher) {
  return class EncryptSigningKeys1764280000600 implements MigrationInterface {
    name = 'EncryptSigningKeys1764280000600';

    async up(runner: QueryRunner): Promise<void> {
      await runner.query(
        `ALTER TABLE signing_keys ADD COLUMN private_key_enc text, ADD COLUMN enc_key_id text`,
      );
      const rows: Array<{ kid: string; private_pem: string }> = await runner.query(
        `SELECT kid, private_pem FROM signing_keys`,
      );
      for (const row of rows) {
        const sealed = cipher.encrypt(row.private_pem);
        await runner.query(
          `UPDATE signing_keys SET private_key_enc = $2, enc_key_id = $3 WHERE kid = $1`,
          [row.kid, sealed.ciphertext, sealed.keyId],
        );
      }
      await runner.query(`ALTER TABLE signing_keys DROP COLUMN private_pem`);
      await runner.query(
        `ALTER TABLE signing_keys ALTER COLUMN private_key_enc SET NOT NULL, ALTER COLUMN enc_key_id SET NOT NULL`,
      );
    }

    async down(runner: QueryRunner): Promise<void> {
      await runner.query(`ALTER TABLE signing_keys ADD COLUMN private_pem text`);
      const rows: Array<{ kid: string; private_key_enc: string; enc_key_id: string }> =
        await runner.query(`SELECT kid, private_key_enc, enc_key_id FROM signing_keys`);
      for (const row of rows) {
        const pem = cipher.decrypt({ ciphertext: row.private_key_enc, keyId: row.enc_key_id });
        await runner.query(`UPDATE signing_keys SET private_pem = $2 WHERE kid = $1`, [
          row.kid,
          pem,
        ]);
      }
      await runner.query(`ALTER TABLE signing_keys ALTER COLUMN private_pem SET NOT NULL`);
      await runner.query(
        `ALTER TABLE signing_keys DROP COLUMN private_key_enc, DROP COLUMN enc_key_id`,
      );
    }
  };
}
