import type { EntityManager } from 'typeorm';

const pending = new WeakMap<EntityManager, Array<() => Promise<void>>>();

/**
 * Runs `action` after the event handler's transaction commits (never if it rolls back), before
 * the ack. For side effects outside Postgres that must not run for an uncommitted change, e.g.
 * enqueuing a job that reads the row just written. Failures are logged, not retried: keep a
 * sweep for whatever such an action must eventually do.
 */
export function afterCommit(tx: EntityManager, action: () => Promise<void>): void {
  const list = pending.get(tx) ?? [];
  list.push(action);
  pending.set(tx, list);
}

export function takeAfterCommit(tx: EntityManager): Array<() => Promise<void>> {
  const list = pending.get(tx) ?? [];
  pending.delete(tx);
  return list;
}
