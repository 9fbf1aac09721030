import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { DESTINATIONS, type Destination } from '@netsign/contracts';
import {
  assertCanRecord,
  assertCanSign,
  assertCanUnlock,
  checkDestinationCode,
  destinationCodeView,
} from '../../src/modules/destinations/domain/destination-rules.js';
import { signQrToken, verifyQrToken } from '../../src/modules/qr-cards/domain/qr-card-token.js';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('destination rules', () => {
  it.each(
    DESTINATIONS.flatMap(
      (d) =>
        [
          [d, false],
          [d, true],
        ] as Array<[Destination, boolean]>,
    ),
  )('signing from %s (active agreement: %s)', (destination, hasActiveAgreement) => {
    const ok = destination === 'AWAITING_EMPLOYMENT' && !hasActiveAgreement;
    expect(codeOf(() => assertCanSign({ destination, hasActiveAgreement }))).toBe(
      ok ? null : 'GRADUATE_NOT_AVAILABLE',
    );
  });

  it('records only offline destinations, never over an active agreement', () => {
    const free = { destination: 'AWAITING_EMPLOYMENT' as const, hasActiveAgreement: false };
    expect(codeOf(() => assertCanRecord(free, 'SIGNED_OFFLINE'))).toBeNull();
    expect(codeOf(() => assertCanRecord(free, 'FURTHER_STUDY'))).toBeNull();
    expect(
      codeOf(() =>
        assertCanRecord({ destination: 'OTHER', hasActiveAgreement: false }, 'FURTHER_STUDY'),
      ),
    ).toBeNull();
    expect(codeOf(() => assertCanRecord(free, 'SIGNED_ONLINE'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => assertCanRecord(free, 'AWAITING_EMPLOYMENT'))).toBe('VALIDATION_FAILED');
    expect(
      codeOf(() =>
        assertCanRecord({ destination: 'SIGNED_ONLINE', hasActiveAgreement: true }, 'OTHER'),
      ),
    ).toBe('INVALID_STATE');
  });

  it('unlocks with a reason, not over an active agreement, not when already awaiting', () => {
    const offline = { destination: 'SIGNED_OFFLINE' as const, hasActiveAgreement: false };
    expect(codeOf(() => assertCanUnlock(offline, '线下协议已解除'))).toBeNull();
    expect(codeOf(() => assertCanUnlock(offline, '  '))).toBe('VALIDATION_FAILED');
    expect(
      codeOf(() =>
        assertCanUnlock({ destination: 'SIGNED_ONLINE', hasActiveAgreement: true }, 'x'),
      ),
    ).toBe('INVALID_STATE');
    expect(
      codeOf(() =>
        assertCanUnlock({ destination: 'AWAITING_EMPLOYMENT', hasActiveAgreement: false }, 'x'),
      ),
    ).toBe('INVALID_STATE');
  });
});

describe('QR card token', () => {
  const key = randomBytes(32);
  const now = new Date('2026-03-12T02:30:00Z');
  const claims = {
    cardId: '7d7e1c1e-4a37-4a4e-9a55-0c6f9b7f6d11',
    expiresAt: new Date(now.getTime() + 600_000),
  };
  const verify = (token: string, at = now) => verifyQrToken(token, key, at);

  it('round-trips and carries no personal data in clear', () => {
    const token = signQrToken(claims, key);
    expect(verify(token)).toEqual(claims);
    expect(token.length).toBeLessThanOrEqual(80);
    // 16 bytes of card id + 4 bytes of expiry: nothing else fits.
    expect(Buffer.from(token.split('.')[1]!, 'base64url')).toHaveLength(20);
  });

  it('forged (other key, altered payload or signature) → NOT_FOUND; malformed → VALIDATION_FAILED', () => {
    const token = signQrToken(claims, key);
    expect(codeOf(() => verifyQrToken(signQrToken(claims, randomBytes(32)), key, now))).toBe(
      'NOT_FOUND',
    );
    const [p, body, sig] = token.split('.');
    const altered = Buffer.from(body!, 'base64url');
    altered.writeUInt32BE(4_000_000_000, 16);
    expect(
      codeOf(() => verifyQrToken(`${p}.${altered.toString('base64url')}.${sig}`, key, now)),
    ).toBe('NOT_FOUND');
    // Every other spelling of the signature is refused: a changed first character, and each other
    // last character (some decode to the same bytes: base64url's spare bits).
    const first = sig![0] === 'A' ? 'B' : 'A';
    expect(codeOf(() => verifyQrToken(`${p}.${body}.${first}${sig!.slice(1)}`, key, now))).toBe(
      'NOT_FOUND',
    );
    for (const last of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.replace(
      sig!.at(-1)!,
      '',
    )) {
      expect(
        codeOf(() => verifyQrToken(`${p}.${body}.${sig!.slice(0, -1)}${last}`, key, now)),
      ).toBe('NOT_FOUND');
    }
    for (const bad of ['', 'abc', 'q1..', 'q2.a.b', 'q1.a.b.c']) {
      expect(codeOf(() => verifyQrToken(bad, key, now))).toBe('VALIDATION_FAILED');
    }
  });

  it('expired (genuine signature) → QR_CARD_EXPIRED', () => {
    const token = signQrToken({ ...claims, expiresAt: new Date(now.getTime() - 1000) }, key);
    expect(codeOf(() => verifyQrToken(token, key, now))).toBe('QR_CARD_EXPIRED');
    expect(codeOf(() => verifyQrToken(signQrToken(claims, key), key, claims.expiresAt))).toBe(
      'QR_CARD_EXPIRED',
    );
  });
});

describe('毕业去向代码 of a destination (issue 18)', () => {
  it('defaults each category to its code and refuses a code of another category', () => {
    expect(checkDestinationCode('SIGNED_OFFLINE', undefined)).toBe('10');
    expect(checkDestinationCode('AWAITING_EMPLOYMENT', undefined)).toBe('70');
    expect(checkDestinationCode('OTHER', undefined)).toBeNull();
    expect(checkDestinationCode('FURTHER_STUDY', '85')).toBe('85');
    expect(checkDestinationCode('OTHER', '75')).toBe('75');
    expect(codeOf(() => checkDestinationCode('FURTHER_STUDY', '10'))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkDestinationCode('OTHER', '99'))).toBe('VALIDATION_FAILED');
    for (const d of DESTINATIONS) expect(() => checkDestinationCode(d, undefined)).not.toThrow();
  });

  it('shows a code with its name', () => {
    expect(destinationCodeView('85')).toEqual({
      destinationCode: '85',
      destinationName: '出国、出境',
    });
    expect(destinationCodeView(null)).toEqual({ destinationCode: null, destinationName: null });
  });
});
