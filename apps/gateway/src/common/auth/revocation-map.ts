/** No access token lives longer than this (identity's JWT_TTL_SECONDS is at most a day). */
export const REVOCATION_LOOKBACK_MS = 24 * 3600 * 1000;
const PRUNE_ABOVE = 10_000;

/** What the gateway knows of a token when it checks it against revocations. */
export interface TokenSession {
  /** `iat`, whole seconds. */
  issuedAt: number;
  /** The `sv` claim; `null` for a token issued before session versions existed. */
  sessionVersion: number | null;
}

interface Revocation {
  /** Tokens whose `sv` is below this are refused. */
  minVersion?: number;
  /** Legacy events without a version: tokens without `sv` issued at or before this second. */
  untilSecond?: number;
  /** When the latest revocation happened (ms), to forget entries older than any living token. */
  atMs: number;
}

/**
 * Who had their sessions ended, and which: identity raises a session version (a graduate's WeChat
 * binding, a password account's sessions) and announces it; a token carrying an older version is
 * refused, one carrying the new version (the new binding's, the fresh token of a password change)
 * is not, whatever second either was issued in.
 *
 * An event recorded before versions existed carries only its time: it refuses the tokens without a
 * version issued at or before its second (tokens with a version were all issued after it).
 */
export class RevocationMap {
  private readonly entries = new Map<string, Revocation>();

  /** Records a revocation; an older one arriving late never undoes a newer one. */
  record(id: string, atMs: number, sessionVersion: number | undefined, nowMs = Date.now()): void {
    const entry = this.entries.get(id) ?? { atMs };
    if (sessionVersion !== undefined) {
      entry.minVersion = Math.max(entry.minVersion ?? 0, sessionVersion);
    } else {
      entry.untilSecond = Math.max(entry.untilSecond ?? -Infinity, Math.floor(atMs / 1000));
    }
    entry.atMs = Math.max(entry.atMs, atMs);
    this.entries.set(id, entry);
    // Entries older than any living token can go.
    if (this.entries.size > PRUNE_ABOVE) {
      const oldest = nowMs - REVOCATION_LOOKBACK_MS;
      for (const [key, e] of this.entries) if (e.atMs < oldest) this.entries.delete(key);
    }
  }

  /** Whether this token of `id` belongs to a revoked session. */
  revoked(id: string, token: TokenSession): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    if (token.sessionVersion === null) {
      return (
        entry.minVersion !== undefined ||
        (entry.untilSecond !== undefined && token.issuedAt <= entry.untilSecond)
      );
    }
    return entry.minVersion !== undefined && token.sessionVersion < entry.minVersion;
  }

  get size(): number {
    return this.entries.size;
  }
}
