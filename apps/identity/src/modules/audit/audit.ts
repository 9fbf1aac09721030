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

/** Appends to the audit log inside the caller's transaction: no change without its record. */
export async function writeAudit(tx: EntityManager, entry: AuditEntry): Promise<void> {
  await tx.query(
    `INSERT INTO audit_log (actor_user_id, actor_role, action, subject_type, subject_id, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      entry.actor?.userId ?? null,
      entry.actor?.role ?? null,
      entry.action,
      entry.subjectType,
      entry.subjectId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.reason ?? null,
    ],
  );
}
