import { Inject, Injectable } from '@nestjs/common';
import { requireRole, scopeOf } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type Principal,
  type ReviewTaskDetail,
  type ReviewTaskListQuery,
  type ReviewTaskView,
} from '@netsign/contracts';
import { REVIEW_ENV, type ReviewEnv } from '../../../review.env.js';
import { QualificationDocumentRepository } from '../../qualification-documents/qualification-document.repository.js';
import { hasQualificationDocuments } from '../../qualification-documents/qualification-documents.use-case.js';
import { requireReviewScope, reviewedAgreementOf } from '../domain/review-rules.js';
import { agreementOfTask, ReviewTaskRepository, toTaskView } from '../review-task.repository.js';

/** The review queue: department staff see their department, a school admin the whole school. */
@Injectable()
export class ReadReviewTasksUseCase {
  constructor(
    private readonly tasks: ReviewTaskRepository,
    private readonly documents: QualificationDocumentRepository,
    @Inject(REVIEW_ENV) private readonly env: ReviewEnv,
  ) {}

  async list(
    principal: Principal | null,
    query: ReviewTaskListQuery,
  ): Promise<{ items: ReviewTaskView[]; total: number }> {
    // The access policy's `agreement.review`: department staff their department, a school admin the school.
    const scope = scopeOf(principal, 'agreement', 'review');
    const [tasks, total] = await this.tasks.list(scope, query, this.env.REVIEW_OVERDUE_DAYS);
    const now = new Date();
    return { items: tasks.map((t) => toTaskView(t, now, this.env.REVIEW_OVERDUE_DAYS)), total };
  }

  async get(principal: Principal | null, taskId: string): Promise<ReviewTaskDetail> {
    const p = requireRole(principal, Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN);
    const task = await this.tasks.byId(taskId);
    if (!task) throw new ServiceError(ErrorCode.NOT_FOUND, '审核任务不存在');
    const { snapshot } = agreementOfTask(task);
    requireReviewScope(p, reviewedAgreementOf(snapshot));
    const applicable = hasQualificationDocuments(task);
    return {
      ...toTaskView(task, new Date(), this.env.REVIEW_OVERDUE_DAYS),
      agreement: snapshot,
      qualificationDocumentsApplicable: applicable,
      qualificationDocuments: applicable
        ? await this.documents.ofEmployer(snapshot.employer.employerId)
        : [],
    };
  }
}
