/**
 * The `iat` (whole seconds) of a token issued right after its account's sessions were revoked at
 * `revokedAtMs`. The gateway refuses every token of the account with `iat` ≤ the revocation's
 * second: JWT `iat` has whole seconds, so a token issued in that same second cannot be told apart
 * from one issued just before the revocation. Giving the fresh token the next second (a moment
 * ahead of the clock; nothing checks `iat` against now) keeps it working without waiting for that
 * second to come, and without a finer claim.
 */
export function issuedAtAfterRevocation(revokedAtMs: number): number {
  return Math.floor(revokedAtMs / 1000) + 1;
}
