import { describe, expect, it } from '@jest/globals';
import { publicJwk, TokenIssuer } from '@netsign/auth';
import type { BusClient } from '@netsign/messaging';
import type { FastifyRequest } from 'fastify';
import { generateKeyPair } from 'jose';
import {
  REVOCATION_LOOKBACK_MS,
  RevocationMap,
  type TokenSession,
} from '../src/common/auth/revocation-map.js';
import type { RevokedSessions } from '../src/common/auth/revoked-sessions.js';
import { TokenKeys } from '../src/common/auth/token-keys.js';
import type { GatewayRequest } from '../src/common/auth/request-context.js';
import { limitKeyOf } from '../src/common/rate-limit.guard.js';

const T = 1_700_000_000_000; // ms

const at = (issuedAt: number, sessionVersion: number | null) => ({ issuedAt, sessionVersion });

describe('RevocationMap', () => {
  it('refuses tokens of an older session version, accepts the new one whatever second it was issued in', () => {
    const map = new RevocationMap();
    map.record('u1', T + 400, 1);
    const second = Math.floor(T / 1000);
    expect(map.revoked('u1', at(second - 60, 0))).toBe(true);
    expect(map.revoked('u1', at(second, 0))).toBe(true);
    // The new binding's token, issued in the very second of the release: accepted.
    expect(map.revoked('u1', at(second, 1))).toBe(false);
    expect(map.revoked('u1', at(second - 60, 1))).toBe(false);
    expect(map.revoked('u2', at(second - 60, 0))).toBe(false);
  });

  it('keeps the latest revocation when an older one arrives after it', () => {
    const map = new RevocationMap();
    map.record('u1', T + 10_000, 2);
    map.record('u1', T, 1);
    expect(map.revoked('u1', at(T / 1000 + 5, 1))).toBe(true);
    expect(map.revoked('u1', at(T / 1000 + 5, 2))).toBe(false);
  });

  it('judges tokens without a version by a legacy event’s second, and refuses them after any versioned one', () => {
    const legacy = new RevocationMap();
    legacy.record('u1', T + 400, undefined);
    expect(legacy.revoked('u1', at(T / 1000, null))).toBe(true); // same second: cannot tell
    expect(legacy.revoked('u1', at(T / 1000 + 1, null))).toBe(false);
    // A versioned token was issued after every legacy event: it is judged by versions only.
    expect(legacy.revoked('u1', at(T / 1000 - 60, 0))).toBe(false);
    const versioned = new RevocationMap();
    versioned.record('u1', T, 1);
    expect(versioned.revoked('u1', at(T / 1000 + 60, null))).toBe(true);
  });

  it('forgets revocations older than any living token once it grows large', () => {
    const map = new RevocationMap();
    const now = T + 2 * REVOCATION_LOOKBACK_MS;
    for (let i = 0; i < 10_000; i++) map.record(`old${i}`, T, 1, now);
    map.record('fresh', now - 1000, 1, now);
    expect(map.size).toBe(1);
    expect(map.revoked('fresh', at((now - 5000) / 1000, 0))).toBe(true);
  });
});

describe('TokenKeys with revoked user sessions', () => {
  it('refuses a staff token of revoked sessions, not the fresh one issued in the same second', async () => {
    const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
    const jwk = await publicJwk(publicKey, 'k1');
    const bus = { request: async () => ({ keys: [jwk] }) } as unknown as BusClient;
    const map = new RevocationMap();
    const revoked = {
      revoked: () => false,
      userRevoked: (id: string, token: TokenSession) => map.revoked(id, token),
    } as unknown as RevokedSessions;
    const keys = new TokenKeys(bus, revoked);
    const issuer = new TokenIssuer(privateKey, 'k1', 3600);
    const staff = { userId: 'u1', role: 'COUNSELLOR' as const, schoolCode: '10357' };
    const old = (await issuer.issue(staff, { sessionVersion: 0 })).accessToken;
    expect(await keys.verify(old)).toMatchObject(staff); // now remembered
    map.record('u1', Date.now(), 1);
    expect(await keys.verify(old)).toBeNull();
    // The fresh token of a password change carries the new version: no waiting for a later second.
    const fresh = (await issuer.issue(staff, { sessionVersion: 1 })).accessToken;
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
    expect(limitKeyOf('caller', req({ userId: 'wechat:o1', role: 'WECHAT_UNBOUND' }))).toBe(
      'wechat:o1',
    );
    expect(limitKeyOf('caller', req(null))).toBe('address:10.0.0.1');
  });

  it('counts by address, or by an account field of the body (trimmed, case-folded)', () => {
    expect(limitKeyOf('address', req(null))).toBe('10.0.0.1');
    expect(limitKeyOf({ bodyField: 'username' }, req(null, { username: ' HR-1 ' }))).toBe('hr-1');
    expect(limitKeyOf({ bodyField: 'username' }, req(null, { username: 42 }))).toBe('-');
  });
});
