import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';

/** A chain head as an anchor covers it: the aggregate, how far the chain went, its hash there. */
export interface AnchoredHead {
  aggregateType: string;
  aggregateId: string;
  seq: number;
  hash: string;
}

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** Heads in the one order anchors use: by aggregate type, then id, by UTF-16 code units (never a database collation). */
export function sortHeads<T extends AnchoredHead>(heads: T[]): T[] {
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...heads].sort(
    (a, b) => cmp(a.aggregateType, b.aggregateType) || cmp(a.aggregateId, b.aggregateId),
  );
}

/** The leaf a head contributes: SHA-256(0x00 ‖ canonical JSON [type, id, seq, hash]) (RFC 6962). */
export function leafHash(h: AnchoredHead): Buffer {
  return sha256(
    LEAF,
    Buffer.from(canonicalJson([h.aggregateType, h.aggregateId, h.seq, h.hash]), 'utf8'),
  );
}

/**
 * The Merkle tree hash of RFC 6962 (Certificate Transparency) over the heads in sortHeads order,
 * hex: interior nodes SHA-256(0x01 ‖ left ‖ right), an odd last node carried up a level (which
 * gives the same tree as RFC 6962's split at the largest power of two), the empty tree SHA-256("").
 */
export function merkleRoot(heads: AnchoredHead[]): string {
  let level = sortHeads(heads).map(leafHash);
  if (level.length === 0) return sha256().toString('hex');
  while (level.length > 1) {
    const next: Buffer[] = [];
    for (let i = 0; i + 1 < level.length; i += 2) next.push(sha256(NODE, level[i]!, level[i + 1]!));
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return level[0]!.toString('hex');
}
