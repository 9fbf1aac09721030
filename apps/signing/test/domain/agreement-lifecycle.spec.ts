import { describe, expect, it } from '@jest/globals';
import { AGREEMENT_STATUSES, ServiceError, type AgreementStatus } from '@netsign/contracts';
import {
  isActive,
  nextStatus,
  releasesGraduate,
  signedEntry,
  transition,
  type AgreementAction,
} from '../../src/modules/agreements/domain/agreement-lifecycle.js';

const ACTIONS: AgreementAction[] = ['APPROVE', 'REJECT', 'TERMINATE'];
const ALLOWED: Record<string, AgreementStatus> = {
  'PENDING_REVIEW:APPROVE': 'APPROVED',
  'PENDING_REVIEW:REJECT': 'REJECTED',
  'PENDING_REVIEW:TERMINATE': 'TERMINATED',
  'APPROVED:TERMINATE': 'TERMINATED',
};
const actor = { userId: 'u1', role: 'SCHOOL_ADMIN' as const };
const at = new Date('2026-03-12T02:30:00Z');

describe('agreement lifecycle', () => {
  const cases = AGREEMENT_STATUSES.flatMap((from) =>
    ACTIONS.map((action) => [from, action] as const),
  );

  it.each(cases)('%s --%s--> as the table says, every pair', (from, action) => {
    const expected = ALLOWED[`${from}:${action}`] ?? null;
    expect(nextStatus(from, action)).toBe(expected);
    const run = () =>
      transition({ status: from, version: 3 }, action, { at, actor, reason: '材料齐全' });
    if (expected) {
      const result = run();
      expect(result).toEqual({
        status: expected,
        version: 4,
        entry: { at: at.toISOString(), actor, from, to: expected, reason: '材料齐全' },
      });
    } else {
      expect(run).toThrow(ServiceError);
      try {
        run();
      } catch (err) {
        expect((err as ServiceError).code).toBe('INVALID_STATE');
      }
    }
  });

  it.each(['REJECT', 'TERMINATE'] as const)(
    '%s needs a reason (blank refused, naming the field)',
    (action) => {
      for (const reason of [undefined, null, '', '   ']) {
        try {
          transition({ status: 'PENDING_REVIEW', version: 1 }, action, { at, actor, reason });
          throw new Error('should have thrown');
        } catch (err) {
          expect((err as ServiceError).code).toBe('VALIDATION_FAILED');
          expect((err as ServiceError).details).toEqual({
            fields: [{ field: 'reason', message: expect.any(String) }],
          });
        }
      }
    },
  );

  it('approval needs no reason and records null', () => {
    const r = transition({ status: 'PENDING_REVIEW', version: 1 }, 'APPROVE', { at, actor });
    expect(r.entry.reason).toBeNull();
    expect(r.version).toBe(2);
  });

  it('an invalid transition is refused before the reason is looked at', () => {
    expect(() => transition({ status: 'REJECTED', version: 2 }, 'REJECT', { at, actor })).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }) as unknown as Error,
    );
  });

  it('signing starts the history at PENDING_REVIEW from nothing', () => {
    expect(signedEntry(at, actor)).toEqual({
      at: at.toISOString(),
      actor,
      from: null,
      to: 'PENDING_REVIEW',
      reason: null,
    });
  });

  it.each([
    ['PENDING_REVIEW', true, false],
    ['APPROVED', true, false],
    ['REJECTED', false, true],
    ['TERMINATED', false, true],
  ] as const)('%s: active=%s, releases the graduate=%s', (status, active, releases) => {
    expect(isActive(status)).toBe(active);
    expect(releasesGraduate(status)).toBe(releases);
  });
});
