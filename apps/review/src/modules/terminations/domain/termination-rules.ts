import { reachOf, reaches } from '@netsign/auth';
import {
  ACTIVE_AGREEMENT_STATUSES,
  ErrorCode,
  ServiceError,
  type AgreementStatus,
  type Principal,
  type ReviewTaskStatus,
  type TerminationApplicant,
  type TerminationDecision,
  type TerminationStatus,
} from '@netsign/contracts';

/**
 * The agreement as review will leave it once signing applied review's own decisions: a rejected
 * task means REJECTED even if signing has not caught up yet.
 */
export function effectiveAgreementStatus(
  projected: AgreementStatus,
  task: ReviewTaskStatus | null,
): AgreementStatus {
  if (task === 'REJECTED') return 'REJECTED';
  if (task === 'CANCELLED') return 'TERMINATED';
  return projected;
}

/**
 * Which party of the agreement the principal is: its graduate or its employer; anyone else is not
 * told the agreement exists.
 */
export function partyOf(
  p: Principal,
  agreement: { graduateId: string; employerId: string },
): TerminationApplicant | null {
  // The access policy's parties (libs/auth `termination.apply`): its graduate, its employer.
  const reach = reachOf(p);
  const resource = {
    graduate: { graduateId: agreement.graduateId },
    employerId: agreement.employerId,
  };
  if (!reach || !reaches(reach, resource)) return null;
  if (reach.relation === 'OWN_GRADUATE') return 'GRADUATE';
  if (reach.relation === 'OWN_EMPLOYER') return 'EMPLOYER';
  return null;
}

/** Only a party (graduate or employer) of an active agreement (PENDING_REVIEW or APPROVED) may apply. */
export function requireCanApply(
  p: Principal,
  agreement: { graduateId: string; employerId: string; status: AgreementStatus },
): TerminationApplicant {
  const party = partyOf(p, agreement);
  if (!party) throw new ServiceError(ErrorCode.NOT_FOUND, '协议不存在');
  if (!ACTIVE_AGREEMENT_STATUSES.includes(agreement.status)) {
    throw new ServiceError(ErrorCode.INVALID_STATE, '只有待审核或已审核通过的协议可以申请解约', {
      status: agreement.status,
    });
  }
  return party;
}

/** Only the party that applied may withdraw; the other party may read the application but not withdraw it. */
export function requireCanWithdraw(
  p: Principal,
  t: { graduateId: string; employerId: string; applicant: TerminationApplicant },
): void {
  const party = partyOf(p, t);
  if (!party) throw new ServiceError(ErrorCode.NOT_FOUND, '解约申请不存在');
  if (party !== t.applicant) {
    throw new ServiceError(
      ErrorCode.FORBIDDEN,
      t.applicant === 'EMPLOYER'
        ? '该解约申请由用人单位提出，只有用人单位可以撤回'
        : '该解约申请由毕业生提出，只有毕业生可以撤回',
    );
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
export function decideTermination(
  status: TerminationStatus,
  decision: TerminationDecision,
  reason?: string | null,
): TerminationOutcome {
  requireOpen(status);
  const text = reason?.trim() || null;
  if (decision === 'DISAGREE' && !text) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '不同意解约须填写理由', {
      fields: [{ field: 'reason', message: '不同意解约须填写理由' }],
    });
  }
  return { status: decision === 'AGREE' ? 'AGREED' : 'DISAGREED', reason: text };
}
