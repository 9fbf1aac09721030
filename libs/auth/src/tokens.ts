import { exportJWK, importJWK, jwtVerify, SignJWT, type CryptoKey, type JWK } from 'jose';
import { principalSchema, type Principal } from '@netsign/contracts';

export const TOKEN_ALGORITHM = 'EdDSA';
export const TOKEN_ISSUER = 'netsign-identity';
export const TOKEN_AUDIENCE = 'netsign';
/**
 * The claim naming the session version a token was issued under. Revocation compares versions,
 * not times: a token issued in the very second its binding or sessions were revoked (and one
 * issued right after, for the new binding) is told apart exactly.
 */
export const SESSION_VERSION_CLAIM = 'sv';

/** Signs access tokens with the identity service's private key (Ed25519). */
export class TokenIssuer {
  constructor(
    private readonly privateKey: CryptoKey,
    private readonly keyId: string,
    private readonly ttlSeconds: number,
  ) {}

  /**
   * `sessionVersion` (claim `sv`) is the version of the session the token belongs to: the
   * graduate's WeChat binding, or the password account's sessions. Identity raises it when it
   * revokes them, and the gateway refuses tokens carrying an older one (see `SESSION_VERSION_CLAIM`).
   * `issuedAt` (whole seconds) defaults to now; tests set it to forge a re-dated token.
   */
  async issue(
    principal: Principal,
    options: { sessionVersion?: number; issuedAt?: number } = {},
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const { userId, ...claims } = principal;
    const accessToken = await new SignJWT({
      ...claims,
      [SESSION_VERSION_CLAIM]: options.sessionVersion ?? 0,
    })
      .setProtectedHeader({ alg: TOKEN_ALGORITHM, kid: this.keyId })
      .setSubject(userId)
      .setIssuer(TOKEN_ISSUER)
      .setAudience(TOKEN_AUDIENCE)
      .setIssuedAt(options.issuedAt)
      .setExpirationTime((options.issuedAt ?? Math.floor(Date.now() / 1000)) + this.ttlSeconds)
      .sign(this.privateKey);
    return { accessToken, expiresIn: this.ttlSeconds };
  }
}

/** How far a token's `iat` may lie ahead of this clock (clock skew; a password change's fresh token). */
export const MAX_ISSUED_AHEAD_SECONDS = 300;

export interface VerifiedToken {
  principal: Principal;
  expiresAt: number;
  issuedAt: number;
  sessionVersion: number | null;
}

export interface TokenVerifierOptions {
  /**
   * A token whose `exp - iat` exceeds this is refused, whatever key signed it: identity never
   * issues one (JWT_TTL_SECONDS ≤ 1 day), so it can only come from a leaked key.
   */
  maxLifetimeSeconds?: number;
}

/**
 * Verifies access tokens with the published public keys; returns the principal or null. Besides
 * signature, issuer, audience and expiry: a lifetime longer than the maximum, or an `iat` further
 * ahead than MAX_ISSUED_AHEAD_SECONDS (a re-dated token would outlive every revocation, which
 * compares `iat`), is refused.
 */
export class TokenVerifier {
  constructor(
    private readonly keys: Map<string, CryptoKey>,
    private readonly options: TokenVerifierOptions = {},
  ) {}

  static async fromJwks(jwks: JWK[], options: TokenVerifierOptions = {}): Promise<TokenVerifier> {
    const keys = new Map<string, CryptoKey>();
    for (const jwk of jwks) {
      keys.set(jwk.kid ?? 'default', (await importJWK(jwk, TOKEN_ALGORITHM)) as CryptoKey);
    }
    return new TokenVerifier(keys, options);
  }

  async verify(token: string): Promise<Principal | null> {
    return (await this.verifyWithExpiry(token))?.principal ?? null;
  }

  /**
   * The principal, when the token expires (ms since epoch), when it was issued (s) and its session
   * version (`null` for a token issued before versions existed), or null.
   */
  async verifyWithExpiry(token: string): Promise<VerifiedToken | null> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header) => {
          const key = this.keys.get(header.kid ?? 'default');
          if (!key) throw new Error('unknown key id');
          return key;
        },
        { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: [TOKEN_ALGORITHM] },
      );
      const parsed = principalSchema.safeParse({ ...payload, userId: payload.sub });
      if (!parsed.success || typeof payload.exp !== 'number' || typeof payload.iat !== 'number')
        return null;
      const { maxLifetimeSeconds } = this.options;
      if (maxLifetimeSeconds !== undefined && payload.exp - payload.iat > maxLifetimeSeconds)
        return null;
      if (payload.iat > Date.now() / 1000 + MAX_ISSUED_AHEAD_SECONDS) return null;
      const sv = payload[SESSION_VERSION_CLAIM];
      const sessionVersion = typeof sv === 'number' && Number.isInteger(sv) ? sv : null;
      return {
        principal: parsed.data,
        expiresAt: payload.exp * 1000,
        issuedAt: payload.iat,
        sessionVersion,
      };
    } catch {
      return null;
    }
  }
}

export async function publicJwk(publicKey: CryptoKey, keyId: string): Promise<JWK> {
  return { ...(await exportJWK(publicKey)), kid: keyId, alg: TOKEN_ALGORITHM, use: 'sig' };
}
