import { describe, expect, it } from '@jest/globals';
import { generateKeyPair } from 'jose';
import { publicJwk, TokenIssuer } from '@netsign/auth';
import type { JWK } from 'jose';
import type { BusClient } from '@netsign/messaging';
import type { RevokedSessions } from '../src/common/auth/revoked-sessions.js';
import { TokenKeys } from '../src/common/auth/token-keys.js';

/**
 * The gateway remembers verified tokens (an Ed25519 check per request is its largest CPU cost):
 * what it remembers must never outlive the token, nor a key that identity withdrew.
 */
async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { extractable: true });
  return {
    kid,
    jwk: await publicJwk(publicKey, kid),
    issuer: (ttl: number) => new TokenIssuer(privateKey, kid, ttl),
  };
}

/** Stands in for the bus: answers `auth.signing-keys` with whatever keys are published now. */
function fakeBus(published: { keys: JWK[] }): BusClient {
  return { request: async () => ({ keys: published.keys }) } as unknown as BusClient;
}

const principal = { userId: 'u1', role: 'EMPLOYER' as const, employerId: 'e1' };

describe('TokenKeys', () => {
  it('accepts a valid token, again from memory, and refuses a forged one', async () => {
    const k1 = await keyPair('k1');
    const keys = new TokenKeys(fakeBus({ keys: [k1.jwk] }));
    const { accessToken } = await k1.issuer(3600).issue(principal);
    expect(await keys.verify(accessToken)).toMatchObject(principal);
    expect(await keys.verify(accessToken)).toMatchObject(principal);
    const forged = `${accessToken.slice(0, -4)}AAAA`;
    expect(await keys.verify(forged)).toBeNull();
  });

  it('refuses a token whose lifetime exceeds TOKEN_MAX_LIFETIME_SECONDS, or whose iat lies ahead, whatever key signed it', async () => {
    const k1 = await keyPair('k1');
    const keys = new TokenKeys(fakeBus({ keys: [k1.jwk] }), null, {
      TOKEN_MAX_LIFETIME_SECONDS: 7_200,
    });
    expect(await keys.verify((await k1.issuer(7_200).issue(principal)).accessToken)).toMatchObject(
      principal,
    );
    expect(await keys.verify((await k1.issuer(7_201).issue(principal)).accessToken)).toBeNull();
    const ahead = Math.floor(Date.now() / 1000) + 3_600;
    expect(
      await keys.verify((await k1.issuer(60).issue(principal, { issuedAt: ahead })).accessToken),
    ).toBeNull();
    // A moment ahead (a password change's fresh token) is fine.
    expect(
      await keys.verify(
        (await k1.issuer(60).issue(principal, { issuedAt: ahead - 3_599 })).accessToken,
      ),
    ).toMatchObject(principal);
  });

  it('stops accepting a remembered token once it expires', async () => {
    const k1 = await keyPair('k1');
    const keys = new TokenKeys(fakeBus({ keys: [k1.jwk] }));
    const { accessToken } = await k1.issuer(1).issue(principal);
    expect(await keys.verify(accessToken)).toMatchObject(principal);
    await new Promise((r) => setTimeout(r, 2100));
    expect(await keys.verify(accessToken)).toBeNull();
  });

  it('forgets tokens signed by a key that identity withdrew', async () => {
    const k1 = await keyPair('k1');
    const k2 = await keyPair('k2');
    const published = { keys: [k1.jwk] };
    const keys = new TokenKeys(fakeBus(published));
    const old = (await k1.issuer(3600).issue(principal)).accessToken;
    expect(await keys.verify(old)).toMatchObject(principal);
    // Rotation that withdraws k1: the first token naming k2 makes the gateway reload the keys.
    published.keys = [k2.jwk];
    const fresh = (await k2.issuer(3600).issue(principal)).accessToken;
    expect(await keys.verify(fresh)).toMatchObject(principal);
    expect(await keys.verify(old)).toBeNull();
  });

  it('refuses a remembered graduate token once the binding it was issued to is released', async () => {
    const k1 = await keyPair('k1');
    const released = new Map<string, number>();
    const revoked = {
      revoked: (id: string, token: { issuedAt: number }) =>
        (released.get(id) ?? -1) >= token.issuedAt,
    } as unknown as RevokedSessions;
    const keys = new TokenKeys(fakeBus({ keys: [k1.jwk] }), revoked);
    const graduate = {
      userId: 'wechat:o1',
      role: 'GRADUATE' as const,
      graduateId: 'g1',
      schoolCode: '10357',
    };
    const { accessToken } = await k1.issuer(3600).issue(graduate);
    expect(await keys.verify(accessToken)).toMatchObject(graduate);
    released.set('g1', Math.floor(Date.now() / 1000));
    expect(await keys.verify(accessToken)).toBeNull();
    // Another graduate's session is untouched.
    const other = (await k1.issuer(3600).issue({ ...graduate, graduateId: 'g2' })).accessToken;
    expect(await keys.verify(other)).toMatchObject({ graduateId: 'g2' });
  });
});
