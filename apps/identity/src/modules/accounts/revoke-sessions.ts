import { userSessionsRevoked, type SESSION_REVOCATION_REASONS } from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import { returnedRows } from '../../common/sql.js';

/**
 * Ends, in the transaction of the change that calls for it, every session of this account so far:
 * raises its session version and announces it. Every gateway replica follows these events and
 * refuses tokens of an older version on every route (tokens live up to a day; waiting for them to
 * expire is not enough). Returns the new version: tokens issued with it keep working.
 */
export async function revokeSessions(
  tx: EntityManager,
  userId: string,
  reason: (typeof SESSION_REVOCATION_REASONS)[number],
  at: Date,
): Promise<number> {
  const [row] = returnedRows<{ session_version: number }>(
    await tx.query(
      `UPDATE users SET session_version = session_version + 1 WHERE id = $1 RETURNING session_version`,
      [userId],
    ),
  );
  if (!row) throw new Error(`no account ${userId} to revoke the sessions of`);
  await publishEvent(tx, userSessionsRevoked, {
    aggregateId: userId,
    payload: { userId, reason, revokedAt: at.toISOString(), sessionVersion: row.session_version },
  });
  return row.session_version;
}
