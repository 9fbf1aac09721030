import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Reach } from '@netsign/auth';
import type { InvitationStatus } from '@netsign/contracts';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '../paging.js';
import { partyCondition } from '../parties.js';
import { InterviewInvitationEntity } from './interview-invitation.entity.js';

export type NewInvitation = Pick<
  InterviewInvitationEntity,
  | 'id'
  | 'applicationId'
  | 'positionId'
  | 'employerId'
  | 'graduateId'
  | 'at'
  | 'place'
  | 'note'
  | 'respondBy'
  | 'status'
>;

/** Table `interview_invitations`: the only place that reads or writes it. */
@Injectable()
export class InterviewsRepository {
  constructor(
    @InjectRepository(InterviewInvitationEntity)
    private readonly invitations: Repository<InterviewInvitationEntity>,
  ) {}

  private on(tx?: EntityManager): Repository<InterviewInvitationEntity> {
    return tx ? tx.getRepository(InterviewInvitationEntity) : this.invitations;
  }

  async insert(tx: EntityManager, fields: NewInvitation): Promise<void> {
    await this.on(tx).insert(fields);
  }

  /** The statuses of the application's invitations, to tell whether one is still open. */
  async statusesOf(tx: EntityManager, applicationId: string): Promise<InvitationStatus[]> {
    const rows = await this.on(tx).find({ select: { status: true }, where: { applicationId } });
    return rows.map((r) => r.status);
  }

  /** The invitation with its position's title (`position.title`), locked (its row) if asked. */
  async findWithTitle(
    id: string,
    options: { tx?: EntityManager; lock?: boolean } = {},
  ): Promise<InterviewInvitationEntity | null> {
    const qb = this.withTitle(options.tx).where('i.id = :id', { id });
    if (options.lock) qb.setLock('pessimistic_write', undefined, ['i']);
    return qb.getOne();
  }

  async setStatus(tx: EntityManager, id: string, status: InvitationStatus): Promise<void> {
    await this.on(tx).update({ id }, { status, updatedAt: () => 'now()' });
  }

  /** The party's invitations, newest first, with titles. */
  async listOf(reach: Reach, page: Page): Promise<[InterviewInvitationEntity[], number]> {
    const party = partyCondition(reach, 'i');
    return this.withTitle()
      .where(party.where, party.params)
      .orderBy('i.createdAt', 'DESC')
      .addOrderBy('i.id')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getManyAndCount();
  }

  private withTitle(tx?: EntityManager) {
    return this.on(tx)
      .createQueryBuilder('i')
      .innerJoin('i.position', 'p')
      .addSelect(['p.id', 'p.title']);
  }
}
