import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { publicJwk, TokenIssuer, TOKEN_ALGORITHM } from '@netsign/auth';
import type { PublicJwk } from '@netsign/contracts';
import { importPKCS8 } from 'jose';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import { SigningKeysRepository } from './auth.repository.js';
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
    private readonly keys: SigningKeysRepository,
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
    this.published = [current as PublicJwk, ...(await this.keys.publicKeysExcept(kid))];
  }

  tokens(): TokenIssuer {
    return this.issuer;
  }

  publicKeys(): PublicJwk[] {
    return this.published;
  }

  private async storedOrGenerated(): Promise<string> {
    return this.keys.locked(async (tx) => {
      const stored = await this.keys.current(tx);
      if (stored)
        return this.cipher.decrypt({ ciphertext: stored.privateKeyEnc, keyId: stored.encKeyId });
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const kid = keyIdOf(pem);
      const sealed = this.cipher.encrypt(pem);
      await this.keys.insert(tx, {
        kid,
        privateKeyEnc: sealed.ciphertext,
        encKeyId: sealed.keyId,
        publicJwk: {
          ...publicKey.export({ format: 'jwk' }),
          kid,
          alg: TOKEN_ALGORITHM,
          use: 'sig',
        } as PublicJwk,
      });
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
