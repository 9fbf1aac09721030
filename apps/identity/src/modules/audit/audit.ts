import { appendToChain } from '@netsign/audit-chain';
import type { Principal } from '@netsign/contracts';
import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  actor: Pick<Principal, 'userId' | 'role'> | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * Appends to the audit log inside the caller's transaction: no change without its record. Each
 * subject's entries form a hash chain (docs/audit-chain.md); the chain's terms are the ones the
 * view audit_chain_entries gives the verifier: actor {userId, role}, payload {before, after, reason}.
 */
export async function writeAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  const actor = entry.actor ? { userId: entry.actor.userId, role: entry.actor.role } : null;
  const before = entry.before === undefined ? null : entry.before;
  const after = entry.after === undefined ? null : entry.after;
  const reason = entry.reason ?? null;
  const at = new Date();
  await appendToChain(
    tx,
    {
      aggregateType: entry.subjectType,
      aggregateId: entry.subjectId,
      action: entry.action,
      actor,
      at,
      payload: { before, after, reason },
    },
    (link) =>
      tx.query(
        `INSERT INTO audit_log (at, actor_user_id, actor_role, action, subject_type, subject_id, before, after, reason, seq, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          at,
          actor?.userId ?? null,
          actor?.role ?? null,
          entry.action,
          entry.subjectType,
          entry.subjectId,
          entry.before === undefined ? null : JSON.stringify(entry.before),
          entry.after === undefined ? null : JSON.stringify(entry.after),
          reason,
          link.seq,
          link.prevHash,
          link.hash,
        ],
      ),
  );
}
