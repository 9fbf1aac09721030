import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { exportPublicJwk, importPublicJwk } from './verification-token.js';
import { PRINTING_ENV, type PrintingEnv } from '../../printing.env.js';
import { VerificationKeysRepository } from './verification-keys.repository.js';

/**
 * The Ed25519 key that signs the verification QR tokens: VERIFICATION_PRIVATE_KEY, or generated
 * once and kept in the database so every worker signs with the same key. Retired keys stay
 * published, so copies printed before a rotation still verify.
 */
@Injectable()
export class VerificationKeysService implements OnModuleInit {
  private signing!: { key: KeyObject; kid: string };
  private publicKeys = new Map<string, KeyObject>();
  private jwks: Array<Record<string, string>> = [];
  private loadedAt = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: VerificationKeysRepository,
    @Inject(PRINTING_ENV) private readonly env: PrintingEnv,
  ) {}

  async onModuleInit(): Promise<void> {
    const pem =
      this.env.VERIFICATION_PRIVATE_KEY?.replace(/\\n/g, '\n') ?? (await this.storedOrGenerated());
    const key = createPrivateKey(pem);
    const kid = keyIdOf(key);
    this.signing = { key, kid };
    await this.reloadPublicKeys();
  }

  signingKey(): { key: KeyObject; kid: string } {
    return this.signing;
  }

  /** Every key that may have signed a printed copy (reloaded at most every few minutes). */
  async lookup(): Promise<ReadonlyMap<string, KeyObject>> {
    if (Date.now() - this.loadedAt > 5 * 60_000) await this.reloadPublicKeys();
    return this.publicKeys;
  }

  published(): Array<Record<string, string>> {
    return this.jwks;
  }

  private async reloadPublicKeys(): Promise<void> {
    const own = publicJwkOf(this.signing.key, this.signing.kid);
    this.jwks = [own, ...(await this.keys.publicJwksExcept(this.signing.kid))];
    this.publicKeys = new Map(this.jwks.map((j) => [j['kid']!, importPublicJwk(j)]));
    this.loadedAt = Date.now();
  }

  private storedOrGenerated(): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await this.keys.lockGeneration(tx);
      const stored = await this.keys.newestActive(tx);
      if (stored) return stored.privatePem;
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const kid = keyIdOf(privateKey);
      await this.keys.insert(tx, { kid, privatePem: pem, publicJwk: publicJwkOf(privateKey, kid) });
      return pem;
    });
  }
}

/** The public half as the JWK published and stored (every member a string). */
function publicJwkOf(key: KeyObject, kid: string): Record<string, string> {
  const { kty, crv, x, alg, use } = exportPublicJwk(createPublicKey(key), kid);
  return { kty, crv, x, kid, alg, use };
}

function keyIdOf(privateKey: KeyObject): string {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64url').slice(0, 8);
}
