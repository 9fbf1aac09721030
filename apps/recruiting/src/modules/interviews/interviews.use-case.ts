import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requireEmployerId, requireGraduateId } from '@netsign/auth';
import {
  employerGet,
  ErrorCode,
  interviewInvited,
  interviewResponded,
  interviewResultRecorded,
  interviewWithdrawn,
  ServiceError,
  type InvitationView,
  type Paged,
  type Principal,
  type RequestOf,
  invitationResult,
} from '@netsign/contracts';
import { BusClient, currentRequestContext, publishEvent } from '@netsign/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { OffersUseCase } from '../offers/offers.use-case.js';
import { invalidState, notFound, partyFilter, partyScopeOf } from '../parties.js';

const COLUMNS = `i.id, i.application_id, i.position_id, i.employer_id, i.graduate_id, i.at, i.place, i.note, i.respond_by, i.status, p.title AS position_title`;
const FROM = `interview_invitations i JOIN positions p ON p.id = i.position_id`;

type Row = InvitationView & { positionTitle: string };
function toInvitation(r: Record<string, unknown>): Row {
  return {
    id: r['id'] as string,
    applicationId: r['application_id'] as string,
    positionId: r['position_id'] as string,
    employerId: r['employer_id'] as string,
    graduateId: r['graduate_id'] as string,
    at: (r['at'] as Date).toISOString(),
    place: r['place'] as string,
    note: r['note'] as string,
    respondBy: r['respond_by'] ? (r['respond_by'] as Date).toISOString() : null,
    status: r['status'] as InvitationView['status'],
    positionTitle: r['position_title'] as string,
  };
}
const view = ({ positionTitle: _t, ...v }: Row): InvitationView => v;

/** Interview invitations: sent, withdrawn before the answer, answered, then the result (maybe with an offer). */
@Injectable()
export class InterviewsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly offers: OffersUseCase,
    private readonly bus: BusClient,
  ) {}

  async send(
    principal: Principal | null,
    input: { applicationId: string; at: string; place: string; note: string; respondBy?: string },
  ): Promise<InvitationView> {
    const employerId = requireEmployerId(principal);
    return this.dataSource.transaction(async (tx) => {
      const [app] = (await tx.query(
        `SELECT a.position_id, a.graduate_id, p.title FROM applications a JOIN positions p ON p.id = a.position_id
          WHERE a.id = $1 AND a.employer_id = $2 FOR UPDATE OF a`,
        [input.applicationId, employerId],
      )) as Array<Record<string, string>>;
      if (!app) throw notFound('投递记录');
      const open = (await tx.query(
        `SELECT 1 FROM interview_invitations WHERE application_id = $1 AND status IN ('SENT', 'ACCEPTED')`,
        [input.applicationId],
      )) as unknown[];
      if (open.length > 0) throw invalidState('该投递已有未完成的面试邀请');
      const id = randomUUID();
      await tx.query(
        `INSERT INTO interview_invitations (id, application_id, position_id, employer_id, graduate_id, at, place, note, respond_by, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'SENT')`,
        [
          id,
          input.applicationId,
          app['position_id'],
          employerId,
          app['graduate_id'],
          input.at,
          input.place,
          input.note,
          input.respondBy ?? null,
        ],
      );
      await tx.query(`UPDATE applications SET status = 'INVITED' WHERE id = $1`, [
        input.applicationId,
      ]);
      await publishEvent(tx, interviewInvited, {
        aggregateId: id,
        payload: {
          invitationId: id,
          applicationId: input.applicationId,
          positionTitle: app['title']!,
          employerId,
          graduateId: app['graduate_id']!,
          at: input.at,
          place: input.place,
          note: input.note,
          respondBy: input.respondBy ?? null,
        },
      });
      return view((await this.load(tx, id))!);
    });
  }

  async list(
    principal: Principal | null,
    q: { page: number; pageSize: number },
  ): Promise<Paged<InvitationView>> {
    const params: unknown[] = [];
    const filter = partyFilter(partyScopeOf(principal), params, 'i');
    const [count] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM interview_invitations i WHERE ${filter}`,
      params,
    )) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE ${filter} ORDER BY i.created_at DESC, i.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map((r) => view(toInvitation(r))), total: count?.n ?? 0 };
  }

  async withdraw(principal: Principal | null, invitationId: string): Promise<InvitationView> {
    const employerId = requireEmployerId(principal);
    return this.update(
      invitationId,
      (i) => i.employerId === employerId,
      'SENT',
      'WITHDRAWN',
      '面试邀请已答复，不能撤回',
      (tx, i) =>
        publishEvent(tx, interviewWithdrawn, {
          aggregateId: i.id,
          payload: {
            invitationId: i.id,
            positionTitle: i.positionTitle,
            employerId: i.employerId,
            graduateId: i.graduateId,
          },
        }),
    );
  }

  async respond(
    principal: Principal | null,
    invitationId: string,
    accept: boolean,
  ): Promise<InvitationView> {
    const graduateId = requireGraduateId(principal);
    return this.update(
      invitationId,
      (i) => i.graduateId === graduateId,
      'SENT',
      accept ? 'ACCEPTED' : 'DECLINED',
      '面试邀请已处理或已撤回',
      async (tx, i) => {
        if (i.respondBy && new Date(i.respondBy).getTime() < Date.now())
          throw invalidState('已超过答复期限');
        await publishEvent(tx, interviewResponded, {
          aggregateId: i.id,
          payload: {
            invitationId: i.id,
            positionTitle: i.positionTitle,
            accepted: accept,
            employerId: i.employerId,
            graduateId,
          },
        });
      },
    );
  }

  async recordResult(principal: Principal | null, input: RequestOf<typeof invitationResult>) {
    const employerId = requireEmployerId(principal);
    if (!input.passed && input.offer) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, '未通过面试不能发送签约通知', {
        fields: [{ field: 'offer', message: '仅面试通过时可发送' }],
      });
    }
    if (input.offer) await this.checkTerms(employerId, input.offer.terms.superiorAuthority);
    let offer: { id: string; status: 'SENT' } | null = null;
    await this.update(
      input.invitationId,
      (i) => i.employerId === employerId,
      'ACCEPTED',
      input.passed ? 'PASSED' : 'FAILED',
      '只有已接受的面试可以记录结果',
      async (tx, i) => {
        if (input.offer) {
          const [pos] = (await tx.query(
            `SELECT id, title, location FROM positions WHERE id = $1 AND employer_id = $2 AND status = 'OPEN'`,
            [input.offer.positionId, employerId],
          )) as Array<Record<string, string>>;
          if (!pos) throw notFound('岗位');
          offer = (await this.offers.create(tx, {
            invitationId: i.id,
            employerId,
            graduateId: i.graduateId,
            position: { positionId: pos['id']!, title: pos['title']!, location: pos['location']! },
            terms: input.offer.terms,
            expiresAt: input.offer.expiresAt ?? null,
          })) as { id: string; status: 'SENT' };
        }
        await publishEvent(tx, interviewResultRecorded, {
          aggregateId: i.id,
          payload: {
            invitationId: i.id,
            positionTitle: i.positionTitle,
            passed: input.passed,
            offerId: offer?.id ?? null,
            employerId,
            graduateId: i.graduateId,
          },
        });
      },
    );
    return { id: input.invitationId, passed: input.passed, offer };
  }

  /** Without hiring autonomy the offer must name the superior authority (as signing will check). */
  private async checkTerms(employerId: string, superiorAuthority: string | null): Promise<void> {
    if (superiorAuthority) return;
    const ctx = {
      principal: { userId: 'recruiting', role: 'SERVICE' as const },
      correlationId: currentRequestContext()?.correlationId ?? randomUUID(),
    };
    const employer = await this.bus.request(employerGet, { employerId }, ctx);
    if (!employer.hasHiringAutonomy) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, '协议条款不合法', {
        fields: [
          {
            field: 'offer.terms.superiorAuthority',
            message: '用人单位无用人自主权，必须填写上级主管部门',
          },
        ],
      });
    }
  }

  private async update(
    id: string,
    mine: (i: Row) => boolean,
    from: InvitationView['status'],
    to: InvitationView['status'],
    refused: string,
    effect: (tx: EntityManager, i: Row) => Promise<unknown>,
  ): Promise<InvitationView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.load(tx, id, true);
      if (!current || !mine(current)) throw notFound('面试邀请');
      if (current.status !== from) throw invalidState(refused);
      await tx.query(
        `UPDATE interview_invitations SET status = $2, updated_at = now() WHERE id = $1`,
        [id, to],
      );
      await effect(tx, current);
      return view({ ...current, status: to });
    });
  }

  private async load(
    db: Pick<EntityManager, 'query'>,
    id: string,
    lock = false,
  ): Promise<Row | null> {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${COLUMNS} FROM ${FROM} WHERE i.id = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [id],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  }
}
