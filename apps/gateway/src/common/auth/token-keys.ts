import { Injectable, Logger } from '@nestjs/common';
import { TokenVerifier } from '@netsign/auth';
import { authSigningKeys, type Principal } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { randomUUID } from 'node:crypto';

const REFRESH_MS = 5 * 60 * 1000;

/**
 * Verifies access tokens with the public keys identity publishes over NATS, cached for a few
 * minutes and refreshed when a token names a key id not seen yet (key rotation).
 */
@Injectable()
export class TokenKeys {
  private readonly logger = new Logger('TokenKeys');
  private verifier: TokenVerifier | null = null;
  private kids = new Set<string>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;

  constructor(private readonly bus: BusClient) {}

  async verify(token: string): Promise<Principal | null> {
    const kid = kidOf(token);
    if (!this.verifier || Date.now() - this.loadedAt > REFRESH_MS || (kid && !this.kids.has(kid))) {
      await this.refresh();
    }
    return this.verifier!.verify(token);
  }

  private refresh(): Promise<void> {
    this.loading ??= this.bus
      .request(authSigningKeys, {}, { principal: null, correlationId: randomUUID() }, { timeoutMs: 3000 })
      .then(async ({ keys }) => {
        this.verifier = await TokenVerifier.fromJwks(keys);
        this.kids = new Set(keys.map((k) => k.kid ?? 'default'));
        this.loadedAt = Date.now();
      })
      .catch((err: unknown) => {
        this.logger.warn({ err }, 'could not load token keys');
        if (!this.verifier) throw err;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }
}

function kidOf(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { kid?: string };
    return header.kid;
  } catch {
    return undefined;
  }
}
