import { userSessionsRevoked, type SESSION_REVOCATION_REASONS } from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import type { EntityManager } from 'typeorm';

/**
 * Announces, in the transaction of the change that calls for it, that the sessions issued to this
 * account until `at` must stop working: every gateway replica follows these events and refuses
 * such tokens on every route (tokens live up to a day; waiting for them to expire is not enough).
 */
export async function revokeSessions(
  tx: EntityManager,
  userId: string,
  reason: (typeof SESSION_REVOCATION_REASONS)[number],
  at: Date,
): Promise<void> {
  await publishEvent(tx, userSessionsRevoked, {
    aggregateId: userId,
    payload: { userId, reason, revokedAt: at.toISOString() },
  });
}
