import { Injectable } from '@nestjs/common';
import type { NotificationItem, Principal } from '@netsign/contracts';
import { InjectRepository } from '@nestjs/typeorm';
import { hydrate, isUuid, preparedQuery } from '@netsign/persistence';
import type { EntityManager, Repository } from 'typeorm';
import { GraduateEntity } from '../roster/graduate.entity.js';
import { AgreementPartyEntity } from './agreement-party.entity.js';
import { NotificationEntity } from './notification.entity.js';

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

/** Tables `notifications` and `agreement_parties`: the only place that reads or writes them. */
@Injectable()
export class NotificationsRepository {
  constructor(
    @InjectRepository(NotificationEntity)
    private readonly notifications: Repository<NotificationEntity>,
  ) {}

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
    const [rows, counts] = await this.notifications.manager.transaction(
      'REPEATABLE READ',
      async (tx) => {
        const qb = tx
          .getRepository(NotificationEntity)
          .createQueryBuilder('n')
          .where('n.recipient = :recipient', { recipient });
        if (unreadOnly) qb.andWhere('n.readAt IS NULL');
        const page$ = await qb
          .orderBy('n.createdAt', 'DESC')
          .addOrderBy('n.id')
          .offset((page - 1) * pageSize)
          .limit(pageSize)
          .getMany();
        const counted: Array<{ total: string; unread: string }> = await tx.query(
          `SELECT count(*) FILTER (WHERE $2::boolean IS FALSE OR read_at IS NULL) AS total,
                  count(*) FILTER (WHERE read_at IS NULL) AS unread
             FROM notifications WHERE recipient = $1`,
          [recipient, unreadOnly],
        );
        return [page$, counted] as const;
      },
    );
    const items: NotificationItem[] = rows.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      data: n.data,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt ? n.readAt.toISOString() : null,
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
    const result = await this.notifications
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'coalesce(read_at, now())' })
      .where('id = :id AND recipient = :recipient', { id, recipient })
      .returning('*')
      .execute();
    const rows = result.raw as Array<Record<string, unknown>>;
    if (!rows[0]) return null;
    const read = hydrate(this.notifications.manager, NotificationEntity, rows[0]);
    return { id, readAt: read.readAt!.toISOString() };
  }

  /** Who an agreement concerns, from its signing event (hot: every signing). */
  async rememberParties(tx: EntityManager, parties: AgreementPartyEntity): Promise<void> {
    await preparedQuery(
      tx,
      'identity-agreement-parties-add',
      `INSERT INTO agreement_parties (agreement_id, graduate_id, employer_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [parties.agreementId, parties.graduateId, parties.employerId],
    );
  }

  async partiesOf(tx: EntityManager, agreementId: string): Promise<AgreementPartyEntity | null> {
    return tx.getRepository(AgreementPartyEntity).findOneBy({ agreementId });
  }

  /** A graduate's bound openid, if any (the id as an event carries it). */
  async openIdOfGraduate(tx: EntityManager, graduateId: string): Promise<string | null> {
    if (!isUuid(graduateId)) return null;
    const g = await tx
      .getRepository(GraduateEntity)
      .createQueryBuilder('g')
      .select(['g.id', 'g.wechatOpenId'])
      .where('g.id = :graduateId', { graduateId })
      .getOne();
    return g?.wechatOpenId ?? null;
  }

  /**
   * Whom a graduate's termination application reaches: the counsellors assigned the graduate (by
   * id or class), else the school's admins; with the graduate's name and student number.
   */
  async deciders(
    tx: EntityManager,
    graduateId: string,
  ): Promise<Array<{ userId: string; name: string; studentNo: string }>> {
    if (!isUuid(graduateId)) return [];
    const rows: Array<{ id: string; name: string; student_no: string }> = await tx.query(
      `WITH g AS (SELECT id, school_code, class_name, name, student_no FROM graduates WHERE id = $1),
            counsellors AS (
              SELECT u.id FROM users u, g
               WHERE u.role = 'COUNSELLOR' AND u.school_code = g.school_code
                 AND (g.id = ANY(u.scope_graduate_ids) OR g.class_name = ANY(u.scope_class_names)))
       SELECT c.id, g.name, g.student_no FROM counsellors c, g
       UNION ALL
       SELECT u.id, g.name, g.student_no FROM users u, g
        WHERE u.role = 'SCHOOL_ADMIN' AND u.school_code = g.school_code AND NOT EXISTS (SELECT 1 FROM counsellors)`,
      [graduateId],
    );
    return rows.map((r) => ({ userId: r.id, name: r.name, studentNo: r.student_no }));
  }
}
