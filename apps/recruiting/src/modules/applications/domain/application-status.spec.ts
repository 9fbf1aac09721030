import { describe, expect, it } from '@jest/globals';
import { inviteApplicant, submitApplication } from './application-status.js';

describe('application status', () => {
  it('submits to an open position only', () => {
    expect(submitApplication('OPEN')).toEqual({ ok: true, to: 'SUBMITTED' });
    expect(submitApplication('CLOSED')).toEqual({ ok: false, reason: '该岗位已关闭' });
  });

  it.each(['SUBMITTED', 'INVITED'] as const)('invites a %s application', (from) => {
    expect(inviteApplicant(from)).toEqual({ ok: true, to: 'INVITED' });
  });

  it('refuses to invite a closed application', () => {
    expect(inviteApplicant('CLOSED')).toEqual({ ok: false, reason: '该投递已结束' });
  });
});
