import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { TokenVerifier } from '@netsign/auth';
import { authSigningKeys, type Principal } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { randomUUID } from 'node:crypto';
import type { GatewayEnv } from '../../gateway.env.js';
import { GATEWAY_ENV } from '../../gateway.tokens.js';
import type { TokenSession } from './revocation-map.js';
import { RevokedSessions } from './revoked-sessions.js';

/** As gateway.env.ts's default: identity's longest JWT_TTL_SECONDS. */
const DEFAULT_MAX_LIFETIME_SECONDS = 86_400;

const REFRESH_MS = 5 * 60 * 1000;
/** How long a verified token is remembered (never past its expiry), and how many are. */
const VERIFIED_TTL_MS = 60 * 1000;
const VERIFIED_MAX = 20_000;

/**
 * Verifies access tokens with the public keys identity publishes over NATS, cached for a few
 * minutes and refreshed when a token names a key id not seen yet (key rotation).
 *
 * A portal sends the same token with every request, and an Ed25519 check costs more CPU than
 * the rest of the gateway's work on a request: the outcome for an exact token string is kept for
 * a minute (never past the token's expiry), and forgotten when the published keys change.
 */
@Injectable()
export class TokenKeys {
  private readonly logger = new Logger('TokenKeys');
  private verifier: TokenVerifier | null = null;
  private kids = new Set<string>();
  private loadedAt = 0;
  private loading: Promise<void> | null = null;
  private readonly verified = new Map<
    string,
    { principal: Principal; until: number; session: TokenSession }
  >();

  constructor(
    private readonly bus: BusClient,
    // Explicit token: the union type leaves no usable design-time metadata. Optional for unit tests.
    @Optional()
    @Inject(RevokedSessions)
    private readonly revokedSessions: RevokedSessions | null = null,
    @Optional()
    @Inject(GATEWAY_ENV)
    private readonly env: Pick<GatewayEnv, 'TOKEN_MAX_LIFETIME_SECONDS'> | null = null,
  ) {}

  async verify(token: string): Promise<Principal | null> {
    const now = Date.now();
    const kid = kidOf(token);
    if (!this.verifier || now - this.loadedAt > REFRESH_MS || (kid && !this.kids.has(kid))) {
      await this.refresh();
    }
    let known = this.verified.get(token);
    if (!known || known.until <= now) {
      const result = await this.verifier!.verifyWithExpiry(token);
      if (!result) return null;
      if (this.verified.size >= VERIFIED_MAX) {
        // Oldest first (insertion order): enough for a cache whose entries live a minute.
        this.verified.delete(this.verified.keys().next().value!);
      }
      known = {
        principal: result.principal,
        until: Math.min(result.expiresAt, now + VERIFIED_TTL_MS),
        session: { issuedAt: result.issuedAt, sessionVersion: result.sessionVersion },
      };
      this.verified.set(token, known);
    }
    // Checked at every request, remembered or not: a released binding, a deactivation or a
    // password change ends the sessions at once. A graduate's end with its binding (it has no
    // password and is never deactivated); any other account's by its user id.
    const { graduateId, userId } = known.principal;
    const revoked = graduateId
      ? this.revokedSessions?.revoked(graduateId, known.session)
      : this.revokedSessions?.userRevoked(userId, known.session);
    if (revoked) return null;
    return known.principal;
  }

  private refresh(): Promise<void> {
    this.loading ??= this.bus
      .request(
        authSigningKeys,
        {},
        { principal: null, correlationId: randomUUID() },
        { timeoutMs: 3000 },
      )
      .then(async ({ keys }) => {
        const kids = new Set(keys.map((k) => k.kid ?? 'default'));
        // A key withdrawn from the set: tokens it signed must stop working at once.
        if ([...this.kids].some((k) => !kids.has(k))) this.verified.clear();
        this.verifier = await TokenVerifier.fromJwks(keys, {
          maxLifetimeSeconds: this.env?.TOKEN_MAX_LIFETIME_SECONDS ?? DEFAULT_MAX_LIFETIME_SECONDS,
        });
        this.kids = kids;
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
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as {
      kid?: string;
    };
    return header.kid;
  } catch {
    return undefined;
  }
}
