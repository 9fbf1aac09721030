import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';

/** The hash format's name, hashed into every entry: a new format gets a new tag, old entries keep theirs. */
export const CHAIN_FORMAT = 'netsign.audit.v1';
/** The `prev_hash` of the first entry of every chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** Who did it, as the chain records it: null for the system itself (an event, a schedule). */
export interface ChainActor {
  userId: string | null;
  role: string | null;
}

/** One audit entry as the chain sees it: what every service's audit table maps its rows to. */
export interface ChainEntry {
  aggregateType: string;
  aggregateId: string;
  /** 1, 2, 3, … within the aggregate's chain. */
  seq: number;
  action: string;
  actor: ChainActor | null;
  /** canonicalTime(at) */
  at: string;
  payload: unknown;
}

export interface ChainLink {
  seq: number;
  prevHash: string;
  hash: string;
}

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * hash = SHA-256 (hex) of the UTF-8 canonical JSON of
 * [format, prevHash, aggregateType, aggregateId, seq, action, actor, at, payload].
 */
export function entryHash(prevHash: string, e: ChainEntry): string {
  if (!Number.isInteger(e.seq) || e.seq < 1)
    throw new RangeError(`entryHash: bad sequence ${e.seq}`);
  return sha256Hex(
    canonicalJson([
      CHAIN_FORMAT,
      prevHash,
      e.aggregateType,
      e.aggregateId,
      e.seq,
      e.action,
      e.actor,
      e.at,
      e.payload ?? null,
    ]),
  );
}

/** The link that follows `head` (null: the chain is empty) for an entry without its sequence yet. */
export function nextLink(
  head: { seq: number; hash: string } | null,
  e: Omit<ChainEntry, 'seq'>,
): ChainLink {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  return { seq, prevHash, hash: entryHash(prevHash, { ...e, seq }) };
}
