import {
  ACTIVE_AGREEMENT_STATUSES,
  ErrorCode,
  ServiceError,
  type AgreementStatus,
  type Principal,
  type ReviewTaskStatus,
  type TerminationDecision,
  type TerminationStatus,
} from '@netsign/contracts';

/**
 * The agreement as review will leave it once signing applied review's own decisions: a rejected
 * task means REJECTED even if signing has not caught up yet.
 */
export function effectiveAgreementStatus(projected: AgreementStatus, task: ReviewTaskStatus | null): AgreementStatus {
  if (task === 'REJECTED') return 'REJECTED';
  if (task === 'CANCELLED') return 'TERMINATED';
  return projected;
}

/** Only the graduate of an active agreement (PENDING_REVIEW or APPROVED) may apply. */
export function requireCanApply(p: Principal, agreement: { graduateId: string; status: AgreementStatus }): void {
  if (p.role !== 'GRADUATE' || p.graduateId !== agreement.graduateId) {
    throw new ServiceError(ErrorCode.NOT_FOUND, '协议不存在');
  }
  if (!ACTIVE_AGREEMENT_STATUSES.includes(agreement.status)) {
    throw new ServiceError(ErrorCode.INVALID_STATE, '只有待审核或已审核通过的协议可以申请解约', { status: agreement.status });
  }
}

export function requireOpen(status: TerminationStatus): void {
  if (status !== 'PENDING') {
    throw new ServiceError(ErrorCode.INVALID_STATE, '该解约申请已处理或已撤回', { status });
  }
}

export interface TerminationOutcome {
  status: 'AGREED' | 'DISAGREED';
  reason: string | null;
}

/** AGREE terminates; DISAGREE keeps the agreement and needs a reason. */
export function decideTermination(status: TerminationStatus, decision: TerminationDecision, reason?: string | null): TerminationOutcome {
  requireOpen(status);
  const text = reason?.trim() || null;
  if (decision === 'DISAGREE' && !text) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '不同意解约须填写理由', { fields: [{ field: 'reason', message: '不同意解约须填写理由' }] });
  }
  return { status: decision === 'AGREE' ? 'AGREED' : 'DISAGREED', reason: text };
}
