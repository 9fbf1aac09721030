import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requireGraduateId } from '@netsign/auth';
import {
  applicationSubmitted,
  ErrorCode,
  graduateGet,
  ServiceError,
  type ApplicationView,
  type Paged,
  type Principal,
  type Resume,
} from '@netsign/contracts';
import { BusClient, currentRequestContext, publishEvent } from '@netsign/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { invalidState, notFound, partyScopeOf } from '../parties.js';
import { PositionsRepository } from '../positions/positions.repository.js';
import type { ApplicationEntity } from './application.entity.js';
import { ApplicationsRepository } from './applications.repository.js';
import { submitApplication } from './domain/application-status.js';

/** An application read with its position's title (ApplicationsRepository's `…WithTitle`). */
function toApplicationView(a: ApplicationEntity): ApplicationView {
  return {
    id: a.id,
    positionId: a.positionId,
    positionTitle: a.position?.title ?? '',
    employerId: a.employerId,
    graduateId: a.graduateId,
    status: a.status,
    applicant: a.applicant,
    resume: a.resume,
    submittedAt: a.submittedAt.toISOString(),
  };
}

/** Resume and applications: a graduate submits their resume to a position; each side sees its own. */
@Injectable()
export class ApplicationsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly applications: ApplicationsRepository,
    private readonly positions: PositionsRepository,
    private readonly bus: BusClient,
  ) {}

  async putResume(principal: Principal | null, resume: Resume): Promise<Resume> {
    const graduateId = requireGraduateId(principal);
    await this.applications.saveResume(graduateId, resume);
    return resume;
  }

  async submit(principal: Principal | null, positionId: string): Promise<ApplicationView> {
    const graduateId = requireGraduateId(principal);
    // Who applies, as the roster has them now: the employer reads applications by person.
    const graduate = await this.bus.request(
      graduateGet,
      { graduateId },
      {
        principal: { userId: 'recruiting', role: 'SERVICE' },
        correlationId: currentRequestContext()?.correlationId ?? randomUUID(),
      },
    );
    const applicant = {
      name: graduate.name,
      schoolName: graduate.schoolName,
      departmentName: graduate.departmentName,
      major: graduate.major,
      degree: graduate.degree,
      graduationYear: graduate.graduationYear,
    };
    return this.dataSource.transaction(async (tx) => {
      const position = await this.positions.findById(positionId, tx);
      if (!position) throw notFound('岗位');
      const next = submitApplication(position.status);
      if (!next.ok) throw invalidState(next.reason);
      const resume = await this.applications.findResume(tx, graduateId);
      if (!resume) {
        throw new ServiceError(ErrorCode.VALIDATION_FAILED, '请先填写简历', {
          fields: [{ field: 'resume', message: '尚未填写简历' }],
        });
      }
      const id = randomUUID();
      const inserted = await this.applications.insertOnce(tx, {
        id,
        positionId,
        employerId: position.employerId,
        graduateId,
        applicant,
        resume: resume.content,
        status: next.to,
      });
      if (!inserted) throw new ServiceError(ErrorCode.CONFLICT, '已投递过该岗位');
      await publishEvent(tx, applicationSubmitted, {
        aggregateId: id,
        payload: {
          applicationId: id,
          positionId,
          positionTitle: position.title,
          employerId: position.employerId,
          graduateId,
        },
      });
      return (await this.load(tx, id))!;
    });
  }

  async list(
    principal: Principal | null,
    q: { positionId?: string; page: number; pageSize: number },
  ): Promise<Paged<ApplicationView>> {
    const [items, total] = await this.applications.listOf(
      partyScopeOf(principal),
      { positionId: q.positionId },
      q,
    );
    return { items: items.map(toApplicationView), total };
  }

  async load(tx: EntityManager, id: string): Promise<ApplicationView | null> {
    const application = await this.applications.findWithTitle(id, tx);
    return application ? toApplicationView(application) : null;
  }
}
