import { describe, expect, it } from '@jest/globals';
import { publicJwk, TokenIssuer } from '@netsign/auth';
import type { BusClient } from '@netsign/messaging';
import type { FastifyRequest } from 'fastify';
import { generateKeyPair } from 'jose';
import { REVOCATION_LOOKBACK_MS, RevocationMap } from '../src/common/auth/revocation-map.js';
import type { RevokedSessions } from '../src/common/auth/revoked-sessions.js';
import { TokenKeys } from '../src/common/auth/token-keys.js';
import type { GatewayRequest } from '../src/common/auth/request-context.js';
import { limitKeyOf } from '../src/common/rate-limit.guard.js';

const T = 1_700_000_000_000; // ms

describe('RevocationMap', () => {
  it('refuses tokens issued up to the revocation’s second, accepts later ones', () => {
    const map = new RevocationMap();
    map.record('u1', T + 400);
    expect(map.revoked('u1', T / 1000 - 60)).toBe(true);
    expect(map.revoked('u1', T / 1000)).toBe(true); // same second: cannot tell before from after
    expect(map.revoked('u1', T / 1000 + 1)).toBe(false);
    expect(map.revoked('u2', T / 1000 - 60)).toBe(false);
  });

  it('keeps the latest revocation when an older one arrives after it', () => {
    const map = new RevocationMap();
    map.record('u1', T + 10_000);
    map.record('u1', T);
    expect(map.revoked('u1', T / 1000 + 5)).toBe(true);
  });

  it('forgets revocations older than any living token once it grows large', () => {
    const map = new RevocationMap();
    const now = T + 2 * REVOCATION_LOOKBACK_MS;
    for (let i = 0; i < 10_000; i++) map.record(`old${i}`, T, now);
    map.record('fresh', now - 1000, now);
    expect(map.size).toBe(1);
    expect(map.revoked('fresh', (now - 5000) / 1000)).toBe(true);
  });
});

describe('TokenKeys with revoked user sessions', () => {
  it('refuses a staff token issued before its sessions were revoked, not one issued after', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const jwk = await publicJwk(publicKey, 'k1');
    const bus = { request: async () => ({ keys: [jwk] }) } as unknown as BusClient;
    const map = new RevocationMap();
    const revoked = {
      revoked: () => false,
      userRevoked: (id: string, iat: number) => map.revoked(id, iat),
    } as unknown as RevokedSessions;
    const keys = new TokenKeys(bus, revoked);
    const issuer = new TokenIssuer(privateKey, 'k1', 3600);
    const staff = { userId: 'u1', role: 'COUNSELLOR' as const, schoolCode: '10357' };
    const old = (await issuer.issue(staff)).accessToken;
    expect(await keys.verify(old)).toMatchObject(staff); // now remembered
    const revokedAt = Date.now();
    map.record('u1', revokedAt);
    expect(await keys.verify(old)).toBeNull();
    // The fresh token of a password change carries the next second as `iat`.
    const fresh = (await issuer.issue(staff, { issuedAt: Math.floor(revokedAt / 1000) + 1 }))
      .accessToken;
    expect(await keys.verify(fresh)).toMatchObject(staff);
    // Another account is untouched.
    expect(
      await keys.verify((await issuer.issue({ ...staff, userId: 'u2' })).accessToken),
    ).toMatchObject({ userId: 'u2' });
  });
});

describe('limitKeyOf (route rate limits)', () => {
  const req = (principal: object | null, body?: object) =>
    ({ ip: '10.0.0.1', principal, body }) as unknown as FastifyRequest & GatewayRequest;

  it('counts a signed-in caller by the verified subject, never by what the token claims unverified', () => {
    expect(limitKeyOf('caller', req({ userId: 'wechat:o1', role: 'WECHAT_UNBOUND' }))).toBe('wechat:o1');
    expect(limitKeyOf('caller', req(null))).toBe('address:10.0.0.1');
  });

  it('counts by address, or by an account field of the body (trimmed, case-folded)', () => {
    expect(limitKeyOf('address', req(null))).toBe('10.0.0.1');
    expect(limitKeyOf({ bodyField: 'username' }, req(null, { username: ' HR-1 ' }))).toBe('hr-1');
    expect(limitKeyOf({ bodyField: 'username' }, req(null, { username: 42 }))).toBe('-');
  });
});
