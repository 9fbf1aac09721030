/** No access token lives longer than this (identity's JWT_TTL_SECONDS is at most a day). */
export const REVOCATION_LOOKBACK_MS = 24 * 3600 * 1000;
const PRUNE_ABOVE = 10_000;

/**
 * Who had their sessions ended, and until when, in whole seconds (tokens carry `iat` in seconds):
 * a token issued at or before that second is refused, so one of the very second of the revocation
 * is refused too (identity issues the tokens meant to survive it with a later `iat`).
 */
export class RevocationMap {
  private readonly until = new Map<string, number>();

  /** Records a revocation at `atMs`; an older one arriving late never shortens a newer one. */
  record(id: string, atMs: number, nowMs = Date.now()): void {
    const at = Math.floor(atMs / 1000);
    if (at > (this.until.get(id) ?? -Infinity)) this.until.set(id, at);
    // Entries older than any living token can go.
    if (this.until.size > PRUNE_ABOVE) {
      const oldest = Math.floor((nowMs - REVOCATION_LOOKBACK_MS) / 1000);
      for (const [key, t] of this.until) if (t < oldest) this.until.delete(key);
    }
  }

  /** Whether a token of `id` issued at `issuedAt` (seconds) was revoked since. */
  revoked(id: string, issuedAt: number): boolean {
    const at = this.until.get(id);
    return at !== undefined && issuedAt <= at;
  }

  get size(): number {
    return this.until.size;
  }
}
