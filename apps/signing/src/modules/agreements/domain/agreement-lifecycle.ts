import {
  ACTIVE_AGREEMENT_STATUSES,
  ErrorCode,
  ServiceError,
  type Actor,
  type AgreementHistoryEntry,
  type AgreementStatus,
} from '@netsign/contracts';

/**
 * The agreement's state machine (pure): PENDING_REVIEW → APPROVED | REJECTED,
 * PENDING_REVIEW | APPROVED → TERMINATED. Every transition yields its history entry.
 */
export type AgreementAction = 'APPROVE' | 'REJECT' | 'TERMINATE';

const TRANSITIONS: Record<AgreementStatus, Partial<Record<AgreementAction, AgreementStatus>>> = {
  PENDING_REVIEW: { APPROVE: 'APPROVED', REJECT: 'REJECTED', TERMINATE: 'TERMINATED' },
  APPROVED: { TERMINATE: 'TERMINATED' },
  REJECTED: {},
  TERMINATED: {},
};

/** Actions that need a reason (a rejection must say why; so must a termination). */
const REASON_REQUIRED: ReadonlySet<AgreementAction> = new Set(['REJECT', 'TERMINATE']);

export interface LifecycleState {
  status: AgreementStatus;
  version: number;
}

export interface TransitionResult extends LifecycleState {
  entry: AgreementHistoryEntry;
}

export function nextStatus(from: AgreementStatus, action: AgreementAction): AgreementStatus | null {
  return TRANSITIONS[from][action] ?? null;
}

export function transition(
  state: LifecycleState,
  action: AgreementAction,
  input: { at: Date; actor: Actor; reason?: string | null },
): TransitionResult {
  const to = nextStatus(state.status, action);
  if (!to) {
    throw new ServiceError(
      ErrorCode.INVALID_STATE,
      `协议书当前状态（${state.status}）不允许此操作`,
      {
        status: state.status,
        action,
      },
    );
  }
  const reason = input.reason?.trim() || null;
  if (REASON_REQUIRED.has(action) && !reason) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '必须填写原因', {
      fields: [{ field: 'reason', message: '必须填写原因' }],
    });
  }
  return {
    status: to,
    version: state.version + 1,
    entry: { at: input.at.toISOString(), actor: input.actor, from: state.status, to, reason },
  };
}

/** The first history entry of every agreement: signed, awaiting school review. */
export function signedEntry(at: Date, actor: Actor): AgreementHistoryEntry {
  return { at: at.toISOString(), actor, from: null, to: 'PENDING_REVIEW', reason: null };
}

export function isActive(status: AgreementStatus): boolean {
  return ACTIVE_AGREEMENT_STATUSES.includes(status);
}

/** After this status the graduate is free to sign again (destination back to awaiting). */
export function releasesGraduate(status: AgreementStatus): boolean {
  return status === 'REJECTED' || status === 'TERMINATED';
}
