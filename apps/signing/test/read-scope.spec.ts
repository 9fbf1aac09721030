import { describe, expect, it } from '@jest/globals';
import type { AgreementView, CounsellorAssignment, Principal } from '@netsign/contracts';
import { reaches, scopeOf, type Assignment, type Reach } from '@netsign/auth';
import { agreementResource } from '../src/modules/agreements/use-cases/read-agreements.use-case.js';

/** The agreement rule of the access policy (libs/auth), applied to agreements as signing reads them. */
const readScopeOf = (p: Principal, assignment: Assignment | null = null) =>
  scopeOf(p, 'agreement', 'see', assignment);
const agreementInScope = (scope: Reach, a: Readable) => reaches(scope, agreementResource(a));

type Readable = Pick<AgreementView, 'graduate' | 'employer'>;
const agreement = (
  graduateId: string,
  className: string | null,
  departmentCode = 'CS',
  schoolCode = '10357',
): Readable =>
  ({
    graduate: { graduateId, className, departmentCode, schoolCode },
    employer: { employerId: 'e1' },
  }) as Readable;
const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('read scope of agreements', () => {
  const counsellor: Principal = { userId: 'c1', role: 'COUNSELLOR', schoolCode: '10357' };
  const assignment: CounsellorAssignment = {
    schoolCode: '10357',
    departmentCode: null,
    graduateIds: ['g1'],
    classNames: ['CS2202'],
  };

  it('gives a counsellor their assignment, not their department', () => {
    const scope = readScopeOf(counsellor, assignment);
    expect(scope).toEqual({
      relation: 'ASSIGNED_COUNSELLOR',
      schoolCode: '10357',
      graduateIds: ['g1'],
      classNames: ['CS2202'],
    });
    expect(agreementInScope(scope, agreement('g1', 'CS2201'))).toBe(true);
    expect(agreementInScope(scope, agreement('g2', 'CS2202'))).toBe(true);
    expect(agreementInScope(scope, agreement('g3', 'CS2201'))).toBe(false); // same department, not assigned
    expect(agreementInScope(scope, agreement('g4', null))).toBe(false);
    expect(agreementInScope(scope, agreement('g1', 'CS2201', 'CS', '10358'))).toBe(false);
  });

  it('refuses a counsellor without an assignment or whose token names another school', () => {
    expect(codeOf(() => readScopeOf(counsellor))).toBe('FORBIDDEN');
    expect(codeOf(() => readScopeOf(counsellor, { ...assignment, schoolCode: '10358' }))).toBe(
      'FORBIDDEN',
    );
    expect(
      codeOf(() => readScopeOf({ ...counsellor, schoolCode: undefined } as Principal, assignment)),
    ).toBe('FORBIDDEN');
  });

  it('keeps department staff to their department and the school admin to the school', () => {
    const staff = readScopeOf({
      userId: 'd',
      role: 'DEPARTMENT_STAFF',
      schoolCode: '10357',
      departmentCode: 'CS',
    });
    expect(agreementInScope(staff, agreement('g3', 'CS2201'))).toBe(true);
    expect(agreementInScope(staff, agreement('g5', 'LAW2201', 'LAW'))).toBe(false);
    const admin = readScopeOf({ userId: 'a', role: 'SCHOOL_ADMIN', schoolCode: '10357' });
    expect(agreementInScope(admin, agreement('g5', 'LAW2201', 'LAW'))).toBe(true);
    expect(agreementInScope(admin, agreement('g5', 'LAW2201', 'LAW', '10358'))).toBe(false);
  });

  it('graduates and employers read their own; others are refused', () => {
    expect(
      agreementInScope(
        readScopeOf({ userId: 'g1', role: 'GRADUATE', graduateId: 'g1' }),
        agreement('g1', null),
      ),
    ).toBe(true);
    expect(
      agreementInScope(
        readScopeOf({ userId: 'g2', role: 'GRADUATE', graduateId: 'g2' }),
        agreement('g1', null),
      ),
    ).toBe(false);
    expect(
      agreementInScope(
        readScopeOf({ userId: 'e', role: 'EMPLOYER', employerId: 'e1' }),
        agreement('g1', null),
      ),
    ).toBe(true);
    expect(codeOf(() => readScopeOf({ userId: 'w', role: 'WECHAT_UNBOUND' }))).toBe('FORBIDDEN');
  });
});
