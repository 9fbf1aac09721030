import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import {
  exportPublicJwk,
  generateKeyPair,
  importPublicJwk,
  signVerificationToken,
  verifyVerificationToken,
  type VerificationPayload,
} from '../src/modules/verification/verification-token.js';

const payload: VerificationPayload = {
  agreementNo: 'AH2026-10357-000123',
  copy: 'GRADUATE',
  renderVersion: 3,
  contentHash: createHash('sha256').update('agreement content').digest('hex'),
  agreementId: '0b7f6c1e-2d3a-4c5b-9e8f-7a6b5c4d3e2f',
  issuedAt: 1_773_300_000,
};

describe('verification token', () => {
  const { privateKey, publicKey } = generateKeyPair();
  const keys = new Map([['k2026', publicKey]]);

  it('round-trips every field and is short enough for a QR code', () => {
    const token = signVerificationToken(payload, privateKey, 'k2026');
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.length).toBeLessThan(200);
    expect(verifyVerificationToken(token, keys)).toEqual({ ...payload, keyId: 'k2026' });
    expect(verifyVerificationToken(token, { k2026: publicKey })).toEqual({
      ...payload,
      keyId: 'k2026',
    });
  });

  it('names each copy distinctly', () => {
    const copies = (['EMPLOYER', 'GRADUATE', 'SCHOOL'] as const).map(
      (copy) =>
        verifyVerificationToken(
          signVerificationToken({ ...payload, copy }, privateKey, 'k2026'),
          keys,
        )?.copy,
    );
    expect(copies).toEqual(['EMPLOYER', 'GRADUATE', 'SCHOOL']);
  });

  it('rejects a token with any byte altered', () => {
    const raw = Buffer.from(signVerificationToken(payload, privateKey, 'k2026'), 'base64url');
    for (let i = 0; i < raw.length; i++) {
      const altered = Buffer.from(raw);
      altered[i] = altered[i]! ^ 0x01;
      expect(verifyVerificationToken(altered.toString('base64url'), keys)).toBeNull();
    }
  });

  it('rejects truncated, extended, non-canonical and garbage tokens', () => {
    const token = signVerificationToken(payload, privateKey, 'k2026');
    for (const bad of [
      token.slice(0, -1),
      token.slice(0, 40),
      `${token}A`,
      `${token}=`,
      `${token.slice(0, 10)}+${token.slice(11)}`,
      '',
      'not a token',
      'A'.repeat(5000),
    ]) {
      expect(verifyVerificationToken(bad, keys)).toBeNull();
    }
  });

  it('rejects a token signed by another key, or naming an unknown key id', () => {
    const other = generateKeyPair();
    expect(
      verifyVerificationToken(signVerificationToken(payload, other.privateKey, 'k2026'), keys),
    ).toBeNull();
    expect(
      verifyVerificationToken(signVerificationToken(payload, privateKey, 'k-unknown'), keys),
    ).toBeNull();
    expect(
      verifyVerificationToken(signVerificationToken(payload, privateKey, 'toString'), {}),
    ).toBeNull();
  });

  it('publishes the public key as a JWK that verifies tokens offline', () => {
    const jwk = exportPublicJwk(privateKey, 'k2026');
    expect(jwk).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.any(String),
      kid: 'k2026',
      alg: 'EdDSA',
      use: 'sig',
    });
    expect(JSON.stringify(jwk)).not.toContain('"d"');
    const token = signVerificationToken(payload, privateKey, 'k2026');
    expect(verifyVerificationToken(token, { k2026: importPublicJwk(jwk) })?.agreementNo).toBe(
      payload.agreementNo,
    );
  });

  it('refuses to sign malformed payloads', () => {
    expect(() =>
      signVerificationToken({ ...payload, agreementId: 'nope' }, privateKey, 'k'),
    ).toThrow();
    expect(() =>
      signVerificationToken({ ...payload, contentHash: 'abc' }, privateKey, 'k'),
    ).toThrow();
    expect(() =>
      signVerificationToken({ ...payload, renderVersion: -1 }, privateKey, 'k'),
    ).toThrow();
    expect(() => signVerificationToken(payload, privateKey, '')).toThrow();
  });
});
