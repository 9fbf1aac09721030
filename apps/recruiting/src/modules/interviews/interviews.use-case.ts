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
  type InvitationStatus,
  type InvitationView,
  type OfferStatus,
  type Paged,
  type Principal,
  type RequestOf,
  invitationResult,
} from '@netsign/contracts';
import { BusClient, currentRequestContext, publishEvent } from '@netsign/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { ApplicationsRepository } from '../applications/applications.repository.js';
import { inviteApplicant } from '../applications/domain/application-status.js';
import type { Transition } from '../domain/transition.js';
import { OffersUseCase } from '../offers/offers.use-case.js';
import { invalidState, notFound, partyScopeOf } from '../parties.js';
import { isOpen } from '../positions/domain/position-status.js';
import { PositionsRepository } from '../positions/positions.repository.js';
import {
  mayInviteAgain,
  recordInterviewResult,
  respondToInvitation,
  withdrawInvitation,
} from './domain/invitation-status.js';
import type { InterviewInvitationEntity } from './interview-invitation.entity.js';
import { InterviewsRepository } from './interviews.repository.js';

/** An invitation read with its position's title (InterviewsRepository's `findWithTitle`). */
function toInvitationView(i: InterviewInvitationEntity): InvitationView {
  return {
    id: i.id,
    applicationId: i.applicationId,
    positionId: i.positionId,
    employerId: i.employerId,
    graduateId: i.graduateId,
    at: i.at.toISOString(),
    place: i.place,
    note: i.note,
    respondBy: i.respondBy ? i.respondBy.toISOString() : null,
    status: i.status,
  };
}
const titleOf = (i: InterviewInvitationEntity) => i.position?.title ?? '';

/** Interview invitations: sent, withdrawn before the answer, answered, then the result (maybe with an offer). */
@Injectable()
export class InterviewsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InterviewsRepository,
    private readonly applications: ApplicationsRepository,
    private readonly positions: PositionsRepository,
    private readonly offers: OffersUseCase,
    private readonly bus: BusClient,
  ) {}

  async send(
    principal: Principal | null,
    input: { applicationId: string; at: string; place: string; note: string; respondBy?: string },
  ): Promise<InvitationView> {
    const employerId = requireEmployerId(principal);
    return this.dataSource.transaction(async (tx) => {
      const app = await this.applications.lockOwnWithTitle(tx, input.applicationId, employerId);
      if (!app) throw notFound('投递记录');
      const invited = inviteApplicant(app.status);
      if (!invited.ok) throw invalidState(invited.reason);
      const next = mayInviteAgain(await this.invitations.statusesOf(tx, input.applicationId));
      if (!next.ok) throw invalidState(next.reason);
      const id = randomUUID();
      await this.invitations.insert(tx, {
        id,
        applicationId: input.applicationId,
        positionId: app.positionId,
        employerId,
        graduateId: app.graduateId,
        at: new Date(input.at),
        place: input.place,
        note: input.note,
        respondBy: input.respondBy ? new Date(input.respondBy) : null,
        status: next.to,
      });
      await this.applications.setStatus(tx, input.applicationId, invited.to);
      await publishEvent(tx, interviewInvited, {
        aggregateId: id,
        payload: {
          invitationId: id,
          applicationId: input.applicationId,
          positionTitle: app.position?.title ?? '',
          employerId,
          graduateId: app.graduateId,
          at: input.at,
          place: input.place,
          note: input.note,
          respondBy: input.respondBy ?? null,
        },
      });
      return toInvitationView((await this.invitations.findWithTitle(id, { tx }))!);
    });
  }

  async list(
    principal: Principal | null,
    q: { page: number; pageSize: number },
  ): Promise<Paged<InvitationView>> {
    const [items, total] = await this.invitations.listOf(partyScopeOf(principal), q);
    return { items: items.map(toInvitationView), total };
  }

  async withdraw(principal: Principal | null, invitationId: string): Promise<InvitationView> {
    const employerId = requireEmployerId(principal);
    return this.update(
      invitationId,
      (i) => i.employerId === employerId,
      (i) => withdrawInvitation(i.status),
      (tx, i) =>
        publishEvent(tx, interviewWithdrawn, {
          aggregateId: i.id,
          payload: {
            invitationId: i.id,
            positionTitle: titleOf(i),
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
      (i) => respondToInvitation(i, accept, new Date()),
      (tx, i) =>
        publishEvent(tx, interviewResponded, {
          aggregateId: i.id,
          payload: {
            invitationId: i.id,
            positionTitle: titleOf(i),
            accepted: accept,
            employerId: i.employerId,
            graduateId,
          },
        }),
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
    let offer: { id: string; status: OfferStatus } | null = null;
    await this.update(
      input.invitationId,
      (i) => i.employerId === employerId,
      (i) => recordInterviewResult(i.status, input.passed),
      async (tx, i) => {
        if (input.offer) {
          const pos = await this.positions.findById(input.offer.positionId, tx);
          if (!pos || pos.employerId !== employerId || !isOpen(pos.status)) throw notFound('岗位');
          offer = await this.offers.create(tx, {
            invitationId: i.id,
            employerId,
            graduateId: i.graduateId,
            position: { positionId: pos.id, title: pos.title, location: pos.location },
            terms: input.offer.terms,
            expiresAt: input.offer.expiresAt ?? null,
          });
        }
        await publishEvent(tx, interviewResultRecorded, {
          aggregateId: i.id,
          payload: {
            invitationId: i.id,
            positionTitle: titleOf(i),
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

  /**
   * One status change of an invitation: lock it, check it is the caller's (others: NOT_FOUND),
   * ask the domain rule, write the new status and the effect (events) in the same transaction.
   */
  private async update(
    id: string,
    mine: (i: InterviewInvitationEntity) => boolean,
    rule: (i: InterviewInvitationEntity) => Transition<InvitationStatus>,
    effect: (tx: EntityManager, i: InterviewInvitationEntity) => Promise<unknown>,
  ): Promise<InvitationView> {
    return this.dataSource.transaction(async (tx) => {
      const current = await this.invitations.findWithTitle(id, { tx, lock: true });
      if (!current || !mine(current)) throw notFound('面试邀请');
      const next = rule(current);
      if (!next.ok) throw invalidState(next.reason);
      await this.invitations.setStatus(tx, id, next.to);
      await effect(tx, current);
      return toInvitationView({ ...current, status: next.to });
    });
  }
}
