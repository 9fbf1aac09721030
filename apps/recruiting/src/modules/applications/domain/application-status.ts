import type { ApplicationStatus } from '@netsign/contracts';
import { isOpen, type PositionStatus } from '../../positions/domain/position-status.js';
import type { Transition } from '../../domain/transition.js';

/** A new application starts SUBMITTED, and only to an open position. */
export function submitApplication(position: PositionStatus): Transition<'SUBMITTED'> {
  return isOpen(position) ? { ok: true, to: 'SUBMITTED' } : { ok: false, reason: '该岗位已关闭' };
}

/**
 * An interview invitation marks the application INVITED (again, after an earlier invitation was
 * declined, withdrawn or had its result). Whether another invitation is still open is the
 * invitation's rule (`mayInviteAgain`).
 */
export function inviteApplicant(from: ApplicationStatus): Transition<'INVITED'> {
  return from === 'CLOSED' ? { ok: false, reason: '该投递已结束' } : { ok: true, to: 'INVITED' };
}
