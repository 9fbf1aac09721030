import { appendToChain } from '@netsign/audit-chain';
import { preparedQuery } from '@netsign/persistence';
import type { EntityManager } from 'typeorm';

export type ReviewAggregate =
  'review-task' | 'termination' | 'paper-form' | 'qualification-document';

/** Who changed it; null when review itself did, applying another service's event. */
export type ReviewAuditActor = { userId: string; role: string } | null;

export interface ReviewAuditEntry {
  aggregateType: ReviewAggregate;
  aggregateId: string;
  action: string;
  actor: ReviewAuditActor;
  payload: Record<string, unknown>;
}

/**
 * Appends to review's audit log inside the caller's transaction, each aggregate's entries one
 * hash chain (docs/audit-chain.md): no state change of a task, termination or paper form without it.
 */
export async function writeReviewAudit(tx: EntityManager, e: ReviewAuditEntry): Promise<void> {
  const actor = e.actor ? { userId: e.actor.userId, role: e.actor.role } : null;
  const at = new Date();
  await appendToChain(
    tx,
    {
      aggregateType: e.aggregateType,
      aggregateId: e.aggregateId,
      action: e.action,
      actor,
      at,
      payload: e.payload,
    },
    (link) =>
      preparedQuery(
        tx,
        'review-audit-append',
        `INSERT INTO audit_log (aggregate_type, aggregate_id, action, actor, at, payload, seq, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          e.aggregateType,
          e.aggregateId,
          e.action,
          JSON.stringify(actor),
          at,
          JSON.stringify(e.payload),
          link.seq,
          link.prevHash,
          link.hash,
        ],
      ),
  );
}
