import { describe, expect, it } from '@jest/globals';
import { changePosition, closePosition, isOpen } from './position-status.js';

describe('position status', () => {
  it('edits and closes an open position', () => {
    expect(changePosition('OPEN')).toEqual({ ok: true, to: 'OPEN' });
    expect(closePosition('OPEN')).toEqual({ ok: true, to: 'CLOSED' });
    expect(isOpen('OPEN')).toBe(true);
  });

  it('refuses to edit or close a closed position', () => {
    expect(changePosition('CLOSED')).toEqual({ ok: false, reason: '该岗位已关闭' });
    expect(closePosition('CLOSED')).toEqual({ ok: false, reason: '该岗位已关闭' });
    expect(isOpen('CLOSED')).toBe(false);
  });
});
