import { describe, expect, it } from '@jest/globals';
import type { InvitationStatus } from '@netsign/contracts';
import {
  mayInviteAgain,
  recordInterviewResult,
  respondToInvitation,
  withdrawInvitation,
} from './invitation-status.js';

const ALL: InvitationStatus[] = ['SENT', 'WITHDRAWN', 'ACCEPTED', 'DECLINED', 'PASSED', 'FAILED'];
const others = (...allowed: InvitationStatus[]) => ALL.filter((s) => !allowed.includes(s));
const now = new Date('2026-06-01T08:00:00Z');

describe('invitation status', () => {
  describe('a new invitation for the same application', () => {
    it('is sent when none is open', () => {
      expect(mayInviteAgain([])).toEqual({ ok: true, to: 'SENT' });
      expect(mayInviteAgain(['WITHDRAWN', 'DECLINED', 'PASSED', 'FAILED'])).toEqual({
        ok: true,
        to: 'SENT',
      });
    });

    it.each(['SENT', 'ACCEPTED'] as const)('is refused while one is %s', (open) => {
      expect(mayInviteAgain(['DECLINED', open])).toEqual({
        ok: false,
        reason: '该投递已有未完成的面试邀请',
      });
    });
  });

  describe('withdraw (employer)', () => {
    it('withdraws a sent invitation', () => {
      expect(withdrawInvitation('SENT')).toEqual({ ok: true, to: 'WITHDRAWN' });
    });

    it.each(others('SENT'))('refuses from %s', (from) => {
      expect(withdrawInvitation(from)).toEqual({ ok: false, reason: '面试邀请已答复，不能撤回' });
    });
  });

  describe('respond (graduate)', () => {
    it('accepts or declines a sent invitation without a deadline', () => {
      const sent = { status: 'SENT' as const, respondBy: null };
      expect(respondToInvitation(sent, true, now)).toEqual({ ok: true, to: 'ACCEPTED' });
      expect(respondToInvitation(sent, false, now)).toEqual({ ok: true, to: 'DECLINED' });
    });

    it('accepts up to and at the deadline', () => {
      expect(respondToInvitation({ status: 'SENT', respondBy: now }, true, now)).toEqual({
        ok: true,
        to: 'ACCEPTED',
      });
    });

    it('refuses after the deadline, either answer', () => {
      const late = { status: 'SENT' as const, respondBy: new Date(now.getTime() - 1) };
      for (const accept of [true, false]) {
        expect(respondToInvitation(late, accept, now)).toEqual({
          ok: false,
          reason: '已超过答复期限',
        });
      }
    });

    it.each(others('SENT'))('refuses from %s (before the deadline check)', (status) => {
      const late = { status, respondBy: new Date(now.getTime() - 1) };
      expect(respondToInvitation(late, true, now)).toEqual({
        ok: false,
        reason: '面试邀请已处理或已撤回',
      });
    });
  });

  describe('result (employer)', () => {
    it('records passed or failed after an accepted invitation', () => {
      expect(recordInterviewResult('ACCEPTED', true)).toEqual({ ok: true, to: 'PASSED' });
      expect(recordInterviewResult('ACCEPTED', false)).toEqual({ ok: true, to: 'FAILED' });
    });

    it.each(others('ACCEPTED'))('refuses from %s', (from) => {
      for (const passed of [true, false]) {
        expect(recordInterviewResult(from, passed)).toEqual({
          ok: false,
          reason: '只有已接受的面试可以记录结果',
        });
      }
    });
  });
});
