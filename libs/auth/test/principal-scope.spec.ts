import { describe, expect, it } from '@jest/globals';
import { requireEmployerId, requireGraduateId, staffScopeOf } from '../src/index.js';

describe('principal scope helpers', () => {
  const g = { schoolCode: 'S1', departmentCode: 'CS' };

  it('gives graduates and employers their own id, refuses others', () => {
    expect(requireGraduateId({ userId: 'g', role: 'GRADUATE', graduateId: 'g1' })).toBe('g1');
    expect(() => requireGraduateId({ userId: 'e', role: 'EMPLOYER', employerId: 'e1' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => requireGraduateId(null)).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(requireEmployerId({ userId: 'e', role: 'EMPLOYER', employerId: 'e1' })).toBe('e1');
  });

  it('scopes staff by school and department; counsellors are asked of identity', () => {
    expect(staffScopeOf({ userId: 'p', role: 'PROVINCE_ADMIN' }, g)).toBe('IN_SCOPE');
    expect(staffScopeOf({ userId: 'a', role: 'SCHOOL_ADMIN', schoolCode: 'S1' }, g)).toBe(
      'IN_SCOPE',
    );
    expect(staffScopeOf({ userId: 'a', role: 'SCHOOL_ADMIN', schoolCode: 'S2' }, g)).toBe(
      'OUT_OF_SCOPE',
    );
    expect(
      staffScopeOf(
        { userId: 'd', role: 'DEPARTMENT_STAFF', schoolCode: 'S1', departmentCode: 'CS' },
        g,
      ),
    ).toBe('IN_SCOPE');
    expect(
      staffScopeOf(
        { userId: 'd', role: 'DEPARTMENT_STAFF', schoolCode: 'S1', departmentCode: 'LAW' },
        g,
      ),
    ).toBe('OUT_OF_SCOPE');
    expect(staffScopeOf({ userId: 'c', role: 'COUNSELLOR', schoolCode: 'S1' }, g)).toBe(
      'ASK_IDENTITY',
    );
    expect(staffScopeOf({ userId: 'x', role: 'EMPLOYER', employerId: 'e' }, g)).toBe(
      'OUT_OF_SCOPE',
    );
  });
});
