import { may } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  type Decider,
  type Principal,
  type ReviewDecision,
  type ReviewTaskStatus,
} from '@netsign/contracts';

/** An agreement as review holds it (its projection row, or a task's frozen snapshot). */
export interface ReviewedAgreement {
  graduateId: string;
  schoolCode: string;
  departmentCode: string;
  className?: string | null;
  employerId: string;
}

/**
 * The access policy's (libs/auth) `agreement.review`, or `agreement.seeQualificationDocuments`:
 * department staff review their department, a school admin the whole school; nobody else.
 */
export function canReview(
  p: Principal,
  a: ReviewedAgreement,
  action: 'review' | 'seeQualificationDocuments' = 'review',
): boolean {
  const resource = {
    graduate: {
      graduateId: a.graduateId,
      schoolCode: a.schoolCode,
      departmentCode: a.departmentCode,
      className: a.className,
    },
    employerId: a.employerId,
  };
  return may(p, 'agreement', action, resource);
}

export function requireReviewScope(
  p: Principal,
  a: ReviewedAgreement,
  action: 'review' | 'seeQualificationDocuments' = 'review',
): void {
  if (!canReview(p, a, action))
    throw new ServiceError(ErrorCode.FORBIDDEN, '该协议不在您的审核范围内');
}

/** A task's agreement, from the snapshot frozen at signing. */
export function reviewedAgreementOf(snapshot: {
  graduate: Omit<ReviewedAgreement, 'employerId'>;
  employer: { employerId: string };
}): ReviewedAgreement {
  return { ...snapshot.graduate, employerId: snapshot.employer.employerId };
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
