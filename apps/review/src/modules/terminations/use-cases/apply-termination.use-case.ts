import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  terminationApplied,
  type FileRef,
  type Principal,
  type TerminationView,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import { AgreementProjectionRepository } from '../../agreements/agreement-projection.repository.js';
import { StoreUploadsUseCase } from '../../files/use-cases/store-uploads.use-case.js';
import { ReviewTaskRepository } from '../../review-tasks/review-task.repository.js';
import { effectiveAgreementStatus, requireCanApply } from '../domain/termination-rules.js';
import { TerminationRepository, toTerminationView } from '../termination.repository.js';

const ALREADY_OPEN = () => new ServiceError(ErrorCode.INVALID_STATE, '该协议已有待处理的解约申请');

/**
 * A party of an active agreement (its graduate or its employer) applies to terminate it, with a
 * reason and at least one material file; one open application per agreement, whoever applied.
 */
@Injectable()
export class ApplyTerminationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly agreements: AgreementProjectionRepository,
    private readonly tasks: ReviewTaskRepository,
    private readonly terminations: TerminationRepository,
    private readonly files: StoreUploadsUseCase,
  ) {}

  async execute(
    principal: Principal | null,
    input: { agreementId: string; reason: string; materials: FileRef[] },
  ): Promise<TerminationView> {
    const p = requireRole(principal, Role.GRADUATE, Role.EMPLOYER);
    await this.db.transaction((tx) => this.check(tx, p, input.agreementId, false)); // before storing any file
    const prepared = await this.files.prepare(p.userId, input.materials);
    const id = await this.db.transaction(async (tx) => {
      const { agreement: a, applicant } = await this.check(tx, p, input.agreementId, true);
      let terminationId: string;
      try {
        terminationId = await this.terminations.insert(tx, {
          agreementId: a.agreementId,
          graduateId: a.graduateId,
          schoolCode: a.schoolCode,
          applicant,
          reason: input.reason.trim(),
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw ALREADY_OPEN();
        throw err;
      }
      const stored = await this.files.commit(tx, p.userId, prepared);
      await this.terminations.addMaterials(
        tx,
        terminationId,
        stored.map((f) => f.id),
      );
      await this.terminations.recordApplied(
        tx,
        terminationId,
        { userId: p.userId, role: p.role },
        {
          agreementId: a.agreementId,
          reason: input.reason.trim(),
          materialFileIds: stored.map((f) => f.id),
        },
      );
      await publishEvent(tx, terminationApplied, {
        aggregateId: a.agreementId,
        payload: {
          terminationId,
          agreementId: a.agreementId,
          graduateId: a.graduateId,
          schoolCode: a.schoolCode,
          appliedAt: new Date().toISOString(),
          applicant,
        },
      });
      return terminationId;
    });
    return toTerminationView((await this.terminations.get(id))!);
  }

  private async check(tx: EntityManager, p: Principal, agreementId: string, lock: boolean) {
    const a = await this.agreements.get(agreementId, tx, lock);
    if (!a) throw new ServiceError(ErrorCode.NOT_FOUND, '协议不存在');
    const task = await this.tasks.byAgreement(tx, agreementId);
    const applicant = requireCanApply(p, {
      graduateId: a.graduateId,
      employerId: a.employerId,
      status: effectiveAgreementStatus(a.status, task?.status ?? null),
    });
    if (await this.terminations.hasAgreed(tx, agreementId))
      throw new ServiceError(ErrorCode.INVALID_STATE, '该协议已同意解约');
    if (await this.terminations.hasPending(tx, agreementId)) throw ALREADY_OPEN();
    return { agreement: a, applicant };
  }
}
