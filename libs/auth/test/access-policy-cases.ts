import type { Principal } from '@netsign/contracts';
import type { Assignment, GraduateFacts } from '../src/index.js';

/**
 * Every role × relationship to graduate G (school S1, department CS, class CS2201) and G's
 * employer e1, shared by the table test of the policy and the test of its SQL against Postgres.
 */
export const G: GraduateFacts = {
  graduateId: 'g1',
  schoolCode: 'S1',
  departmentCode: 'CS',
  className: 'CS2201',
};
export const G_EMPLOYER = 'e1';

export interface Caller {
  principal: Principal | null;
  assignment?: Assignment;
}

const counsellor = (assignment: Assignment, schoolCode = 'S1'): Caller => ({
  principal: { userId: 'c', role: 'COUNSELLOR', schoolCode },
  assignment,
});

/** Column order of the expectation strings below. */
export const CALLERS = {
  anon: { principal: null },
  unb: { principal: { userId: 'w', role: 'WECHAT_UNBOUND', openId: 'o1' } },
  gOwn: { principal: { userId: 'u1', role: 'GRADUATE', graduateId: 'g1' } },
  gOth: { principal: { userId: 'u2', role: 'GRADUATE', graduateId: 'g2' } },
  eOwn: { principal: { userId: 'u3', role: 'EMPLOYER', employerId: 'e1' } },
  eOth: { principal: { userId: 'u4', role: 'EMPLOYER', employerId: 'e2' } },
  dSame: {
    principal: { userId: 'd1', role: 'DEPARTMENT_STAFF', schoolCode: 'S1', departmentCode: 'CS' },
  },
  dOth: {
    principal: { userId: 'd2', role: 'DEPARTMENT_STAFF', schoolCode: 'S1', departmentCode: 'LAW' },
  },
  dOS: {
    principal: { userId: 'd3', role: 'DEPARTMENT_STAFF', schoolCode: 'S2', departmentCode: 'CS' },
  },
  /** Assigned G by id. */
  cId: counsellor({ schoolCode: 'S1', graduateIds: ['g1'], classNames: [] }),
  /** Assigned G's class. */
  cCls: counsellor({ schoolCode: 'S1', graduateIds: [], classNames: ['CS2201'] }),
  /** Of G's school, assigned others. */
  cUn: counsellor({ schoolCode: 'S1', graduateIds: ['g2'], classNames: ['CS2202'] }),
  /** Of another school, assigned the same id and class names there. */
  cOS: counsellor({ schoolCode: 'S2', graduateIds: ['g1'], classNames: ['CS2201'] }, 'S2'),
  /** A token of S1 while identity says the account is now of S2: a stale token reaches nothing. */
  cStale: counsellor({ schoolCode: 'S2', graduateIds: ['g1'], classNames: ['CS2201'] }),
  /** A counsellor whose assignment was not asked: reaches nothing. */
  cNone: { principal: { userId: 'c', role: 'COUNSELLOR', schoolCode: 'S1' } },
  saS: { principal: { userId: 'a1', role: 'SCHOOL_ADMIN', schoolCode: 'S1' } },
  saO: { principal: { userId: 'a2', role: 'SCHOOL_ADMIN', schoolCode: 'S2' } },
  prov: { principal: { userId: 'p', role: 'PROVINCE_ADMIN' } },
  svc: { principal: { userId: 'signing', role: 'SERVICE' } },
  /** Tokens missing the id their role needs. */
  gNoId: { principal: { userId: 'u9', role: 'GRADUATE' } },
  eNoId: { principal: { userId: 'u8', role: 'EMPLOYER' } },
} satisfies Record<string, Caller>;

export type CallerName = keyof typeof CALLERS;
export const CALLER_NAMES = Object.keys(CALLERS) as CallerName[];
