import { userSessionsRevoked, type SESSION_REVOCATION_REASONS } from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';
import type { AccountsRepository } from './accounts.repository.js';

/**
 * Ends, in the transaction of the change that calls for it, every session of this account so far:
 * raises its session version and announces it. Every gateway replica follows these events and
 * refuses tokens of an older version on every route (tokens live up to a day; waiting for them to
 * expire is not enough). Returns the new version: tokens issued with it keep working.
 */
export async function revokeSessions(
  accounts: AccountsRepository,
  tx: EntityManager,
  userId: string,
  reason: (typeof SESSION_REVOCATION_REASONS)[number],
  at: Date,
): Promise<number> {
  const sessionVersion = await accounts.raiseSessionVersion(tx, userId);
  if (sessionVersion === null) throw new Error(`no account ${userId} to revoke the sessions of`);
  await publishEvent(tx, userSessionsRevoked, {
    aggregateId: userId,
    payload: { userId, reason, revokedAt: at.toISOString(), sessionVersion },
  });
  return sessionVersion;
}
