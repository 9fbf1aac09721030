import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import {
  createServiceDataSource,
  migrateServiceSchema,
  revertServiceSchema,
} from '@netsign/persistence';
import { createTestEnv, type TestEnv } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import { identityMigrations } from '../src/database/migrations.js';
import { SigningKeyCipher } from '../src/modules/auth/signing-key-cipher.js';

/**
 * Migration EncryptSigningKeys against real Postgres: a plain private key stored before it is
 * encrypted by `up` (nothing of the PEM is left in the table) and restored exactly by `down`.
 */
describe('identity: the stored token-signing key is encrypted by migration, and decrypted back by its down', () => {
  const key = Buffer.alloc(32, 42).toString('base64');
  let env: TestEnv;
  let ds: DataSource;
  const migrations = identityMigrations({ SIGNING_KEY_ENCRYPTION_KEY: key });
  /** The encryption and every migration after it: reverting these gives the plain-text table of before. */
  const fromEncryption =
    migrations.length - migrations.findIndex((m) => m.name === 'EncryptSigningKeys1764280000600');

  beforeAll(async () => {
    env = await createTestEnv('signing_key_enc');
    ds = createServiceDataSource({
      url: env.databaseUrl,
      schema: 'identity',
      entities: [],
      migrations,
    });
    await ds.initialize();
  });
  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  it('up encrypts the plain rows; down restores them', async () => {
    await migrateServiceSchema(ds, 'identity');
    // Back to the plain-text table of before: the migrations after it, then the encryption.
    await revertServiceSchema(ds, fromEncryption);
    const pem = generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString();
    await ds.query(
      `INSERT INTO signing_keys (kid, private_pem, public_jwk) VALUES ('k1', $1, '{}')`,
      [pem],
    );

    await migrateServiceSchema(ds, 'identity');
    const [row] = (await ds.query(`SELECT to_jsonb(k) AS row FROM signing_keys k`)) as Array<{
      row: Record<string, string>;
    }>;
    expect(Object.keys(row!.row)).not.toContain('private_pem');
    expect(JSON.stringify(row!.row)).not.toContain(pem.split('\n')[1]!);
    const cipher = new SigningKeyCipher(Buffer.from(key, 'base64'));
    expect(row!.row['enc_key_id']).toBe(cipher.keyId);
    expect(
      cipher.decrypt({ ciphertext: row!.row['private_key_enc']!, keyId: row!.row['enc_key_id']! }),
    ).toBe(pem);
    // Another key cannot read it, and says which key it needs.
    expect(() =>
      new SigningKeyCipher(Buffer.alloc(32, 1)).decrypt({
        ciphertext: row!.row['private_key_enc']!,
        keyId: row!.row['enc_key_id']!,
      }),
    ).toThrow(/encrypted under key [0-9a-f]{16}/);

    await revertServiceSchema(ds, fromEncryption);
    expect(await ds.query(`SELECT kid, private_pem FROM signing_keys`)).toEqual([
      { kid: 'k1', private_pem: pem },
    ]);
  });
});
