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
    const own = exportPublicJwk(
      createPublicKey(this.signing.key),
      this.signing.kid,
    ) as unknown as Record<string, string>;
    const rows: Array<{ kid: string; public_jwk: Record<string, string> }> =
      await this.dataSource.query(`SELECT kid, public_jwk FROM verification_keys WHERE kid <> $1`, [
        this.signing.kid,
      ]);
    this.jwks = [own, ...rows.map((r) => r.public_jwk)];
    this.publicKeys = new Map(this.jwks.map((j) => [j['kid']!, importPublicJwk(j)]));
    this.loadedAt = Date.now();
  }

  private storedOrGenerated(): Promise<string> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('printing-verification-key'))`);
      const rows: Array<{ private_pem: string }> = await tx.query(
        `SELECT private_pem FROM verification_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      );
      if (rows[0]) return rows[0].private_pem;
      const { privateKey } = generateKeyPairSync('ed25519');
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
      const kid = keyIdOf(privateKey);
      await tx.query(
        `INSERT INTO verification_keys (kid, private_pem, public_jwk) VALUES ($1, $2, $3)`,
        [kid, pem, JSON.stringify(exportPublicJwk(createPublicKey(privateKey), kid))],
      );
      return pem;
    });
  }
}

function keyIdOf(privateKey: KeyObject): string {
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64url').slice(0, 8);
}
