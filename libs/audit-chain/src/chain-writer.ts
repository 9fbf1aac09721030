import { preparedQuery } from '@netsign/persistence';
import type { EntityManager } from 'typeorm';
import { canonicalTime } from './canonical.js';
import { nextLink, type ChainActor, type ChainLink } from './chain-hash.js';

/** Which chain: one per aggregate (an agreement, a review task, a staff account, …). */
export interface ChainRef {
  aggregateType: string;
  aggregateId: string;
}

/** An entry about to be appended: the chain gives it its sequence, its time is fixed here. */
export interface NewChainEntry extends ChainRef {
  action: string;
  actor: ChainActor | null;
  at: Date;
  payload: unknown;
}

function requireTransaction(tx: EntityManager, what: string): void {
  if (!tx.queryRunner?.isTransactionActive)
    throw new Error(`${what} must run inside a transaction`);
}

/**
 * Locks the chain's head row until the transaction ends (creating it at sequence 0 the first
 * time) and returns it; null for a chain with no entry yet. A second writer of the same chain
 * waits here for the first to commit and then sees its entry: the chain cannot fork.
 */
export async function lockChainHead(
  tx: EntityManager,
  ref: ChainRef,
): Promise<{ seq: number; hash: string } | null> {
  requireTransaction(tx, 'lockChainHead');
  const rows = await preparedQuery<{ seq: number; hash: string }>(
    tx,
    'audit-chain-lock-head',
    `INSERT INTO audit_chain_heads (aggregate_type, aggregate_id, seq, hash) VALUES ($1, $2, 0, '')
     ON CONFLICT (aggregate_type, aggregate_id) DO UPDATE SET seq = audit_chain_heads.seq
     RETURNING seq, hash`,
    [ref.aggregateType, ref.aggregateId],
  );
  const head = rows[0]!;
  return head.seq === 0 ? null : { seq: head.seq, hash: head.hash };
}

/** Moves the locked head to the entry just written; refuses if the head is not where the link started. */
export async function advanceChainHead(
  tx: EntityManager,
  ref: ChainRef,
  link: ChainLink,
): Promise<void> {
  const [row] = await preparedQuery<{ n: number }>(
    tx,
    'audit-chain-advance-head',
    `WITH moved AS (
       UPDATE audit_chain_heads SET seq = $3, hash = $4
        WHERE aggregate_type = $1 AND aggregate_id = $2 AND seq = $3 - 1 RETURNING 1)
     SELECT count(*)::int AS n FROM moved`,
    [ref.aggregateType, ref.aggregateId, link.seq, link.hash],
  );
  if (row?.n !== 1)
    throw new Error(`audit chain ${ref.aggregateType}/${ref.aggregateId} moved under an append`);
}

/**
 * Appends one entry to its aggregate's chain, inside the caller's transaction: locks the head,
 * computes the link, lets `write` store the row (with `link.seq`, `link.prevHash`, `link.hash`
 * and `at`), then advances the head. The row and the head commit or roll back with the change
 * they record.
 */
export async function appendToChain(
  tx: EntityManager,
  entry: NewChainEntry,
  write: (link: ChainLink) => Promise<unknown>,
): Promise<ChainLink> {
  const head = await lockChainHead(tx, entry);
  const link = chainLinkAfter(head, entry);
  await write(link);
  await advanceChainHead(tx, entry, link);
  return link;
}

/** The link of `entry` after `head` (null: first entry). Pure: for writers that insert the head themselves. */
export function chainLinkAfter(
  head: { seq: number; hash: string } | null,
  entry: NewChainEntry,
): ChainLink {
  return nextLink(head, {
    aggregateType: entry.aggregateType,
    aggregateId: entry.aggregateId,
    action: entry.action,
    actor: entry.actor,
    at: canonicalTime(entry.at),
    payload: entry.payload,
  });
}
