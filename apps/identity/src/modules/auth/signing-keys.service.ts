import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { publicJwk, TokenIssuer, TOKEN_ALGORITHM } from '@netsign/auth';
import type { PublicJwk } from '@netsign/contracts';
import { importPKCS8 } from 'jose';
import { DataSource } from 'typeorm';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import { SigningKeyCipher } from './signing-key-cipher.js';

/**
 * The Ed25519 key that signs access tokens: from JWT_PRIVATE_KEY, or generated once and kept in
 * the database — encrypted with SIGNING_KEY_ENCRYPTION_KEY, never in plain text — so every
 * identity replica and restart signs with the same key. Retired keys stay published so tokens
 * signed before a rotation verify until they expire.
 */
@Injectable()
export class SigningKeysService implements OnModuleInit {
  private issuer!: TokenIssuer;
  private published: PublicJwk[] = [];
  private readonly cipher: SigningKeyCipher;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(IDENTITY_ENV) private readonly env: IdentityEnv,
  ) {
    this.cipher = SigningKeyCipher.fromEnv(env);
  }

  async onModuleInit(): Promise<void> {
    const pem = this.env.JWT_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? (await this.storedOrGenerated());
    const kid = keyIdOf(pem);
    this.issuer = new TokenIssuer(
      await importPKCS8(pem, TOKEN_ALGORITHM),
      kid,
      this.env.JWT_TTL_SECONDS,
    );
    const publicKey = createPublicKey(createPrivateKey(pem));
    const current = await publicJwk(publicKey as never, kid);
    const stored: Array<{ public_jwk: PublicJwk }> = await this.dataSource.query(
      `SELECT public_jwk FROM signing_keys WHERE kid <> $1`,
      [kid],
    );
    this.published = [current as PublicJwk, ...stored.map((r) => r.public_jwk)];
  }

  tokens(): TokenIssuer {
    return this.issuer;
  }

  publicKeys(): PublicJwk[] {
    return this.published;
  }

  private async storedOrGenerated(): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('identity-signing-key'))`);
      const rows: Array<{ private_key_enc: string; enc_key_id: string }> = await tx.query(
        `SELECT private_key_enc, enc_key_id FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      );
      if (rows[0])
        return this.cipher.decrypt({
          ciphertext: rows[0].private_key_enc,
          keyId: rows[0].enc_key_id,
        });
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const kid = keyIdOf(pem);
      const sealed = this.cipher.encrypt(pem);
      await tx.query(
        `INSERT INTO signing_keys (kid, private_key_enc, enc_key_id, public_jwk) VALUES ($1, $2, $3, $4)`,
        [
          kid,
          sealed.ciphertext,
          sealed.keyId,
          JSON.stringify({
            ...publicKey.export({ format: 'jwk' }),
            kid,
            alg: TOKEN_ALGORITHM,
            use: 'sig',
          }),
        ],
      );
      return pem;
    });
  }
}

function keyIdOf(privatePem: string): string {
  const spki = createPublicKey(createPrivateKey(privatePem)).export({
    type: 'spki',
    format: 'der',
  });
  return createHash('sha256').update(spki).digest('base64url').slice(0, 16);
}
