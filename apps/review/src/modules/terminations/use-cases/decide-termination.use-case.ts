import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ACTIVE_AGREEMENT_STATUSES,
  ErrorCode,
  Role,
  ServiceError,
  terminationDecided,
  type Principal,
  type TerminationDecision,
  type TerminationView,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { AgreementProjectionRepository } from '../../agreements/agreement-projection.repository.js';
import { ReviewTaskRepository } from '../../review-tasks/review-task.repository.js';
import {
  decideTermination,
  effectiveAgreementStatus,
  requireCanWithdraw,
  requireOpen,
} from '../domain/termination-rules.js';
import {
  agreementOf,
  TerminationRepository,
  toTerminationView,
} from '../termination.repository.js';
import { TerminationAccess } from '../termination-access.js';

/** Counsellor (of this graduate) or school admin decides; the party that applied may withdraw before that. */
@Injectable()
export class DecideTerminationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly agreements: AgreementProjectionRepository,
    private readonly tasks: ReviewTaskRepository,
    private readonly terminations: TerminationRepository,
    private readonly access: TerminationAccess,
  ) {}

  async decide(
    principal: Principal | null,
    input: { terminationId: string; decision: TerminationDecision; reason?: string | null },
  ): Promise<TerminationView> {
    const p = requireRole(principal, Role.COUNSELLOR, Role.SCHOOL_ADMIN);
    const found = await this.found(input.terminationId);
    await this.access.requireDecider(p, found); // identity is asked outside the transaction
    await this.db.transaction(async (tx) => {
      const agreement = (await this.agreements.get(found.agreementId, tx, true))!;
      const t = (await this.terminations.lock(tx, input.terminationId))!;
      const outcome = decideTermination(t.status, input.decision, input.reason);
      const task = await this.tasks.byAgreement(tx, t.agreementId);
      const status = effectiveAgreementStatus(agreement.status, task?.status ?? null);
      if (outcome.status === 'AGREED' && !ACTIVE_AGREEMENT_STATUSES.includes(status)) {
        throw new ServiceError(ErrorCode.INVALID_STATE, '协议已失效，无需解约', { status });
      }
      const decider = { userId: p.userId, role: p.role };
      const at = new Date();
      await this.terminations.decide(tx, t.id, {
        ...outcome,
        decision: input.decision,
        decider,
        at,
      });
      if (outcome.status === 'AGREED') await this.tasks.cancelPending(tx, t.agreementId, decider);
      await publishEvent(tx, terminationDecided, {
        aggregateId: t.agreementId,
        payload: {
          terminationId: t.id,
          agreementId: t.agreementId,
          decision: input.decision,
          reason: outcome.reason,
          decider,
          decidedAt: at.toISOString(),
          applicant: t.applicant,
        },
      });
    });
    return toTerminationView((await this.terminations.get(input.terminationId))!);
  }

  async withdraw(principal: Principal | null, terminationId: string): Promise<TerminationView> {
    const p = requireRole(principal, Role.GRADUATE, Role.EMPLOYER);
    const found = await this.found(terminationId);
    requireCanWithdraw(p, {
      graduateId: found.graduateId,
      employerId: agreementOf(found).employerId,
      applicant: found.applicant,
    });
    await this.db.transaction(async (tx) => {
      const t = (await this.terminations.lock(tx, terminationId))!;
      requireOpen(t.status);
      await this.terminations.withdraw(tx, terminationId, { userId: p.userId, role: p.role });
    });
    return toTerminationView((await this.terminations.get(terminationId))!);
  }

  private async found(id: string) {
    const t = await this.terminations.get(id);
    if (!t) throw new ServiceError(ErrorCode.NOT_FOUND, '解约申请不存在');
    return t;
  }
}
