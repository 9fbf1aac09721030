import { Inject, Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
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
import { requireReviewScope } from '../domain/review-rules.js';
import { ReviewTaskRepository, toTaskView } from '../review-task.repository.js';

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
    const p = requireRole(principal, Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN);
    if (!p.schoolCode || (p.role === Role.DEPARTMENT_STAFF && !p.departmentCode))
      throw new ServiceError(ErrorCode.FORBIDDEN);
    const scope =
      p.role === Role.DEPARTMENT_STAFF
        ? { schoolCode: p.schoolCode, departmentCode: p.departmentCode! }
        : { schoolCode: p.schoolCode };
    const { rows, total } = await this.tasks.list(scope, query, this.env.REVIEW_OVERDUE_DAYS);
    const now = new Date();
    return { items: rows.map((r) => toTaskView(r, now, this.env.REVIEW_OVERDUE_DAYS)), total };
  }

  async get(principal: Principal | null, taskId: string): Promise<ReviewTaskDetail> {
    const p = requireRole(principal, Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN);
    const row = await this.tasks.byId(taskId);
    if (!row) throw new ServiceError(ErrorCode.NOT_FOUND, '审核任务不存在');
    requireReviewScope(p, { schoolCode: row.school_code, departmentCode: row.department_code });
    const applicable = hasQualificationDocuments(row);
    return {
      ...toTaskView(row, new Date(), this.env.REVIEW_OVERDUE_DAYS),
      agreement: row.snapshot,
      qualificationDocumentsApplicable: applicable,
      qualificationDocuments: applicable
        ? await this.documents.ofEmployer(row.snapshot.employer.employerId)
        : [],
    };
  }
}
