import type { PositionView } from '@netsign/contracts';
import type { Transition } from '../../domain/transition.js';

export type PositionStatus = PositionView['status'];

/** Only an open position may be edited or closed; a closed one stays closed. */
export function changePosition(from: PositionStatus): Transition<'OPEN'> {
  return from === 'OPEN' ? { ok: true, to: 'OPEN' } : { ok: false, reason: '该岗位已关闭' };
}

export function closePosition(from: PositionStatus): Transition<'CLOSED'> {
  return from === 'OPEN' ? { ok: true, to: 'CLOSED' } : { ok: false, reason: '该岗位已关闭' };
}

/** A graduate may apply to, and an offer may name, only an open position. */
export function isOpen(status: PositionStatus): boolean {
  return status === 'OPEN';
}
