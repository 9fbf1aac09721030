import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Reach } from '@netsign/auth';
import type { Resume } from '@netsign/contracts';
import type { EntityManager, Repository } from 'typeorm';
import type { Page } from '../paging.js';
import { partyCondition } from '../parties.js';
import { ApplicationEntity } from './application.entity.js';
import { ResumeEntity } from './resume.entity.js';

export type NewApplication = Pick<
  ApplicationEntity,
  'id' | 'positionId' | 'employerId' | 'graduateId' | 'applicant' | 'resume' | 'status'
>;

/** Tables `resumes` and `applications`: the only place that reads or writes them. */
@Injectable()
export class ApplicationsRepository {
  constructor(
    @InjectRepository(ApplicationEntity)
    private readonly applications: Repository<ApplicationEntity>,
    @InjectRepository(ResumeEntity) private readonly resumes: Repository<ResumeEntity>,
  ) {}

  private on(tx?: EntityManager): Repository<ApplicationEntity> {
    return tx ? tx.getRepository(ApplicationEntity) : this.applications;
  }

  /** The graduate's one resume, created or replaced. */
  async saveResume(graduateId: string, content: Resume): Promise<void> {
    await this.resumes
      .createQueryBuilder()
      .insert()
      .values({ graduateId, content })
      .orUpdate(['content', 'updated_at'], ['graduate_id'])
      .execute();
  }

  async findResume(tx: EntityManager, graduateId: string): Promise<ResumeEntity | null> {
    return tx.getRepository(ResumeEntity).findOneBy({ graduateId });
  }

  /**
   * Inserts the application unless the graduate already applied to the position (unique
   * `applications_once`): false then. DO NOTHING rather than catching 23505, since a repeated
   * application is expected, not an error to log, and must not abort the transaction.
   */
  async insertOnce(tx: EntityManager, fields: NewApplication): Promise<boolean> {
    const result = await this.on(tx)
      .createQueryBuilder()
      .insert()
      .values(fields)
      .orIgnore()
      .returning('id')
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** The application with its position's title (`position.title`). */
  async findWithTitle(id: string, tx?: EntityManager): Promise<ApplicationEntity | null> {
    return this.withTitle(tx).where('a.id = :id', { id }).getOne();
  }

  /**
   * The employer's own application, locked (the row only) while an invitation is sent for it;
   * another employer's: null.
   */
  async lockOwnWithTitle(
    tx: EntityManager,
    id: string,
    employerId: string,
  ): Promise<ApplicationEntity | null> {
    return this.withTitle(tx)
      .where('a.id = :id AND a.employerId = :employerId', { id, employerId })
      .setLock('pessimistic_write', undefined, ['a'])
      .getOne();
  }

  async setStatus(
    tx: EntityManager,
    id: string,
    status: ApplicationEntity['status'],
  ): Promise<void> {
    await this.on(tx).update({ id }, { status });
  }

  /** The party's applications (optionally to one position), newest first, with titles. */
  async listOf(
    reach: Reach,
    filter: { positionId?: string },
    page: Page,
  ): Promise<[ApplicationEntity[], number]> {
    const party = partyCondition(reach, 'a');
    const qb = this.withTitle().where(party.where, party.params);
    if (filter.positionId) qb.andWhere('a.positionId = :positionId', filter);
    return qb
      .orderBy('a.submittedAt', 'DESC')
      .addOrderBy('a.id')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getManyAndCount();
  }

  private withTitle(tx?: EntityManager) {
    return this.on(tx)
      .createQueryBuilder('a')
      .innerJoin('a.position', 'p')
      .addSelect(['p.id', 'p.title']);
  }
}
