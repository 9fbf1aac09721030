import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  reviewDecided,
  Role,
  ServiceError,
  type Principal,
  type ReviewDecision,
  type ReviewTaskView,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { REVIEW_ENV, type ReviewEnv } from '../../../review.env.js';
import { AgreementProjectionRepository } from '../../agreements/agreement-projection.repository.js';
import { TerminationRepository } from '../../terminations/termination.repository.js';
import { decideTask, requireReviewScope } from '../domain/review-rules.js';
import { ReviewTaskRepository, toTaskView } from '../review-task.repository.js';

/**
 * Approve or reject (reason required). The decision and the event signing applies commit in one
 * transaction; the agreement row is locked so a termination decided at the same moment waits.
 */
@Injectable()
export class DecideReviewUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly agreements: AgreementProjectionRepository,
    private readonly tasks: ReviewTaskRepository,
    private readonly terminations: TerminationRepository,
    @Inject(REVIEW_ENV) private readonly env: ReviewEnv,
  ) {}

  async execute(
    principal: Principal | null,
    input: { agreementId: string; decision: ReviewDecision; reason?: string | null },
  ): Promise<ReviewTaskView> {
    const p = requireRole(principal, Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN);
    return this.db.transaction(async (tx) => {
      const agreement = await this.agreements.get(input.agreementId, tx, true);
      const task = agreement ? await this.tasks.byAgreement(tx, input.agreementId) : null;
      if (!agreement || !task) throw new ServiceError(ErrorCode.NOT_FOUND, '审核任务不存在');
      requireReviewScope(p, agreement);
      const reviewer = { userId: p.userId, role: p.role };
      const d = decideTask(task.status, {
        decision: input.decision,
        reason: input.reason,
        reviewer,
        at: new Date(),
      });
      await this.tasks.decide(tx, task.id, d);
      // A rejected agreement is over: an open termination application about it has nothing left to end.
      if (d.status === 'REJECTED')
        await this.terminations.closeOpen(tx, input.agreementId, reviewer);
      await publishEvent(tx, reviewDecided, {
        aggregateId: input.agreementId,
        payload: {
          taskId: task.id,
          agreementId: input.agreementId,
          decision: input.decision,
          reason: d.reason,
          reviewer,
          decidedAt: d.decidedAt.toISOString(),
        },
      });
      const decided = {
        ...task,
        status: d.status,
        reason: d.reason,
        decidedBy: p.userId,
        decidedRole: p.role,
        decidedAt: d.decidedAt,
      };
      return toTaskView(decided, new Date(), this.env.REVIEW_OVERDUE_DAYS);
    });
  }
}
