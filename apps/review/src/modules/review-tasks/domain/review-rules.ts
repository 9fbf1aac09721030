import {
  ErrorCode,
  ServiceError,
  type Decider,
  type Principal,
  type ReviewDecision,
  type ReviewTaskStatus,
} from '@netsign/contracts';

export interface ReviewScope {
  schoolCode: string;
  departmentCode: string;
}

/** Department staff review their department, a school admin the whole school; nobody else. */
export function canReview(p: Principal, scope: ReviewScope): boolean {
  if (p.role === 'SCHOOL_ADMIN') return p.schoolCode === scope.schoolCode;
  if (p.role === 'DEPARTMENT_STAFF')
    return p.schoolCode === scope.schoolCode && p.departmentCode === scope.departmentCode;
  return false;
}

export function requireReviewScope(p: Principal, scope: ReviewScope): void {
  if (!canReview(p, scope)) throw new ServiceError(ErrorCode.FORBIDDEN, '该协议不在您的审核范围内');
}

export interface TaskDecision {
  status: Exclude<ReviewTaskStatus, 'PENDING' | 'CANCELLED'>;
  reason: string | null;
  reviewer: Decider;
  decidedAt: Date;
}

/** A pending task takes one decision; a rejection needs a reason; anything else is INVALID_STATE. */
export function decideTask(
  status: ReviewTaskStatus,
  input: { decision: ReviewDecision; reason?: string | null; reviewer: Decider; at: Date },
): TaskDecision {
  if (status !== 'PENDING') {
    throw new ServiceError(
      ErrorCode.INVALID_STATE,
      status === 'CANCELLED' ? '协议已解约，无需审核' : '该协议已审核，不能重复审核',
      { status },
    );
  }
  const reason = input.reason?.trim() || null;
  if (input.decision === 'REJECT' && !reason) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '驳回须填写理由', {
      fields: [{ field: 'reason', message: '驳回须填写理由' }],
    });
  }
  return {
    status: input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED',
    reason,
    reviewer: input.reviewer,
    decidedAt: input.at,
  };
}

const DAY_MS = 24 * 3600 * 1000;

export function isOverdue(
  status: ReviewTaskStatus,
  submittedAt: Date,
  now: Date,
  overdueDays: number,
): boolean {
  return status === 'PENDING' && now.getTime() - submittedAt.getTime() > overdueDays * DAY_MS;
}
