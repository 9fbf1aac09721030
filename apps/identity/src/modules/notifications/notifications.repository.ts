import { Injectable } from '@nestjs/common';
import type { NotificationItem, Principal } from '@netsign/contracts';
import { preparedQuery } from '@netsign/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { returnedRows } from '../../common/sql.js';

export interface NewNotification {
  recipient: string;
  kind: string;
  title: string;
  body: string;
  data?: Record<string, unknown>;
}

/** Inbox address of a principal: graduates and employers by their entity, others by account. */
export function recipientOf(p: Principal): string {
  if (p.role === 'GRADUATE' && p.graduateId) return `graduate:${p.graduateId}`;
  if (p.role === 'EMPLOYER' && p.employerId) return `employer:${p.employerId}`;
  return `user:${p.userId}`;
}

@Injectable()
export class NotificationsRepository {
  constructor(private readonly db: DataSource) {}

  /** Inside the consumer's transaction; one row per recipient and source event (replays are no-ops). */
  async add(tx: EntityManager, sourceEventId: string, items: NewNotification[]): Promise<void> {
    if (items.length === 0) return;
    await preparedQuery(
      tx,
      'identity-notifications-add',
      `INSERT INTO notifications (recipient, kind, title, body, data, source_event_id)
       SELECT recipient, kind, title, body, data, $6
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[]) AS n(recipient, kind, title, body, data)
       ON CONFLICT (recipient, source_event_id) DO NOTHING`,
      [
        items.map((n) => n.recipient),
        items.map((n) => n.kind),
        items.map((n) => n.title),
        items.map((n) => n.body),
        items.map((n) => JSON.stringify(n.data ?? {})),
        sourceEventId,
      ],
    );
  }

  async list(recipient: string, page: number, pageSize: number, unreadOnly: boolean) {
    // Page and counts from one snapshot, so they agree while new items arrive.
    const [rows, counts] = await this.db.transaction('REPEATABLE READ', async (tx) => [
      (await tx.query(
        `SELECT id, kind, title, body, data, created_at, read_at FROM notifications
        WHERE recipient = $1 AND ($2::boolean IS FALSE OR read_at IS NULL)
        ORDER BY created_at DESC, id LIMIT $3 OFFSET $4`,
        [recipient, unreadOnly, pageSize, (page - 1) * pageSize],
      )) as Array<Record<string, unknown>>,
      (await tx.query(
        `SELECT count(*) FILTER (WHERE $2::boolean IS FALSE OR read_at IS NULL) AS total,
              count(*) FILTER (WHERE read_at IS NULL) AS unread
         FROM notifications WHERE recipient = $1`,
        [recipient, unreadOnly],
      )) as Array<{ total: string; unread: string }>,
    ]);
    const items: NotificationItem[] = rows.map((r) => ({
      id: String(r['id']),
      kind: String(r['kind']),
      title: String(r['title']),
      body: String(r['body']),
      data: r['data'] as Record<string, unknown>,
      createdAt: (r['created_at'] as Date).toISOString(),
      readAt: r['read_at'] ? (r['read_at'] as Date).toISOString() : null,
    }));
    return {
      items,
      total: Number(counts[0]?.total ?? 0),
      unread: Number(counts[0]?.unread ?? 0),
      page,
      pageSize,
    };
  }

  async markRead(recipient: string, id: string): Promise<{ id: string; readAt: string } | null> {
    const rows = returnedRows<{ read_at: Date }>(
      await this.db.query(
        `UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = $1 AND recipient = $2 RETURNING read_at`,
        [id, recipient],
      ),
    );
    return rows[0] ? { id, readAt: rows[0].read_at.toISOString() } : null;
  }
}
