import type { InvitationStatus } from '@netsign/contracts';
import type { Transition } from '../../domain/transition.js';

/** Invitations still under way: while one is, the application gets no other. */
export const OPEN_INVITATION_STATUSES: readonly InvitationStatus[] = ['SENT', 'ACCEPTED'];

export function mayInviteAgain(existing: readonly InvitationStatus[]): Transition<'SENT'> {
  return existing.some((s) => OPEN_INVITATION_STATUSES.includes(s))
    ? { ok: false, reason: '该投递已有未完成的面试邀请' }
    : { ok: true, to: 'SENT' };
}

/** The employer withdraws an invitation the graduate has not answered yet. */
export function withdrawInvitation(from: InvitationStatus): Transition<'WITHDRAWN'> {
  return from === 'SENT'
    ? { ok: true, to: 'WITHDRAWN' }
    : { ok: false, reason: '面试邀请已答复，不能撤回' };
}

/** The graduate accepts or declines a sent invitation, before its answer deadline if it has one. */
export function respondToInvitation(
  invitation: { status: InvitationStatus; respondBy: Date | null },
  accept: boolean,
  now: Date,
): Transition<'ACCEPTED' | 'DECLINED'> {
  if (invitation.status !== 'SENT') return { ok: false, reason: '面试邀请已处理或已撤回' };
  if (invitation.respondBy && invitation.respondBy.getTime() < now.getTime())
    return { ok: false, reason: '已超过答复期限' };
  return { ok: true, to: accept ? 'ACCEPTED' : 'DECLINED' };
}

/** After an accepted interview the employer records the result: passed or failed. */
export function recordInterviewResult(
  from: InvitationStatus,
  passed: boolean,
): Transition<'PASSED' | 'FAILED'> {
  return from === 'ACCEPTED'
    ? { ok: true, to: passed ? 'PASSED' : 'FAILED' }
    : { ok: false, reason: '只有已接受的面试可以记录结果' };
}
