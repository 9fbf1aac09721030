import { describe, expect, it } from '@jest/globals';
import { issuedAtAfterRevocation } from './session-revocation.js';

describe('issuedAtAfterRevocation', () => {
  it('is the second after the revocation’s, so the gateway’s `iat ≤ revoked second` rule lets it pass', () => {
    expect(issuedAtAfterRevocation(1_700_000_000_000)).toBe(1_700_000_001);
    expect(issuedAtAfterRevocation(1_700_000_000_999)).toBe(1_700_000_001);
    const revokedSecond = Math.floor(1_700_000_000_500 / 1000);
    expect(issuedAtAfterRevocation(1_700_000_000_500)).toBeGreaterThan(revokedSecond);
  });
});
