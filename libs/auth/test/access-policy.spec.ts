import { describe, expect, it } from '@jest/globals';
import {
  ACCESS_POLICY,
  may,
  reaches,
  requireEmployerId,
  requireGraduateId,
  scopeOf,
  type ResourceKind,
} from '../src/index.js';
import { CALLER_NAMES, CALLERS, G, G_EMPLOYER, type CallerName } from './access-policy-cases.js';

/**
 * The policy as a table: every resource kind and action × every caller of access-policy-cases.ts,
 * `Y` allowed on G's thing, `.` refused. The same answers as the routes of
 * e2e/support/authorization-matrix.ts (the contract) that reach the policy.
 */
const COLUMNS =
  'anon unb gOwn gOth eOwn eOth dSame dOth dOS cId cCls cUn cOS cStale cNone saS saO prov svc gNoId eNoId';

// prettier-ignore
const TABLE: Array<[rule: string, access: string]> = [
  //                                         anon unb gOwn gOth eOwn eOth dSame dOth dOS cId cCls cUn cOS cStale cNone saS saO prov svc gNoId eNoId
  ['graduate.see',                          '.    .   Y    .    .    .    Y     .    .   Y   Y    .   .   .      .     Y   .   Y    Y   .     .'],
  ['graduate.issuePaperForm',               '.    .   .    .    .    .    Y     .    .   Y   Y    .   .   .      .     Y   .   .    .   .     .'],
  ['graduate.manage',                       '.    .   .    .    .    .    .     .    .   .   .    .   .   .      .     Y   .   Y    .   .     .'],
  ['agreement.see',                         '.    .   Y    .    Y    .    Y     .    .   Y   Y    .   .   .      .     Y   .   Y    Y   .     .'],
  ['agreement.review',                      '.    .   .    .    .    .    Y     .    .   .   .    .   .   .      .     Y   .   .    .   .     .'],
  ['agreement.seeQualificationDocuments',   '.    .   .    .    .    .    Y     .    .   .   .    .   .   .      .     Y   .   .    .   .     .'],
  ['agreement.listPrints',                  '.    .   .    .    Y    .    Y     .    .   .   .    .   .   .      .     Y   .   Y    .   .     .'],
  ['agreement.rerender',                    '.    .   .    .    .    .    .     .    .   .   .    .   .   .      .     Y   .   Y    .   .     .'],
  ['recruitment.see',                       '.    .   Y    .    Y    .    .     .    .   .   .    .   .   .      .     .   .   .    Y   .     .'],
  ['recruitment.list',                      '.    .   Y    .    Y    .    .     .    .   .   .    .   .   .      .     .   .   .    .   .     .'],
  ['termination.apply',                     '.    .   Y    .    Y    .    .     .    .   .   .    .   .   .      .     .   .   .    .   .     .'],
  ['termination.see',                       '.    .   Y    .    Y    .    .     .    .   Y   Y    .   .   .      .     Y   .   .    .   .     .'],
  ['termination.decide',                    '.    .   .    .    .    .    .     .    .   Y   Y    .   .   .      .     Y   .   .    .   .     .'],
];

function expectations(row: string): Record<CallerName, boolean> {
  const cells = row.trim().split(/\s+/);
  expect(cells).toHaveLength(CALLER_NAMES.length);
  return Object.fromEntries(CALLER_NAMES.map((c, i) => [c, cells[i] === 'Y'])) as Record<
    CallerName,
    boolean
  >;
}

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
};

const cases = TABLE.map(([rule, row]) => {
  const [kind, action] = rule.split('.') as [ResourceKind, string];
  return { kind, action, row };
});

describe('the access policy, role × relationship', () => {
  it('lists its columns in the order of the callers', () => {
    expect(COLUMNS.split(' ')).toEqual(CALLER_NAMES);
  });

  it('has a row for every action of the policy, and no other', () => {
    const rules = Object.entries(ACCESS_POLICY).flatMap(([kind, actions]) =>
      Object.keys(actions).map((action) => `${kind}.${action}`),
    );
    expect(TABLE.map(([rule]) => rule).sort()).toEqual(rules.sort());
  });

  describe.each(cases)('$kind.$action', ({ kind, action, row }) => {
    const expected = expectations(row);
    const resource = { graduate: G, employerId: G_EMPLOYER };

    it.each(CALLER_NAMES)('%s on G’s thing (may)', (name) => {
      const { principal, assignment } = CALLERS[name] as (typeof CALLERS)['cId'];
      expect(may(principal, kind, action as never, resource, assignment ?? null)).toBe(
        expected[name],
      );
    });

    it.each(CALLER_NAMES)('%s listing: the scope covers G’s thing exactly when may', (name) => {
      const { principal, assignment } = CALLERS[name] as (typeof CALLERS)['cId'];
      let covered = false;
      const code = codeOf(() => {
        covered = reaches(scopeOf(principal, kind, action as never, assignment ?? null), resource);
      });
      expect(covered).toBe(expected[name]);
      if (name === 'anon') expect(code).toBe('UNAUTHENTICATED');
      else if (code !== null) expect(code).toBe('FORBIDDEN');
    });
  });

  it('a graduate’s things of another graduate with G’s class or id in another school are not G’s', () => {
    const elsewhere = { graduate: { ...G, schoolCode: 'S2' }, employerId: 'e9' };
    expect(may(CALLERS.cId.principal, 'agreement', 'see', elsewhere, CALLERS.cId.assignment)).toBe(
      false,
    );
    expect(
      may(CALLERS.cCls.principal, 'agreement', 'see', elsewhere, CALLERS.cCls.assignment),
    ).toBe(false);
    expect(may(CALLERS.dSame.principal, 'agreement', 'see', elsewhere)).toBe(false);
    expect(may(CALLERS.saS.principal, 'agreement', 'see', elsewhere)).toBe(false);
  });

  it('a graduate without a class is reached by a class-assigned counsellor only by id', () => {
    const noClass = { graduate: { ...G, className: null }, employerId: G_EMPLOYER };
    expect(
      may(CALLERS.cCls.principal, 'termination', 'see', noClass, CALLERS.cCls.assignment),
    ).toBe(false);
    expect(may(CALLERS.cId.principal, 'termination', 'see', noClass, CALLERS.cId.assignment)).toBe(
      true,
    );
  });
});

describe('the caller’s own id', () => {
  it('gives graduates and employers their own id, refuses others', () => {
    expect(requireGraduateId({ userId: 'g', role: 'GRADUATE', graduateId: 'g1' })).toBe('g1');
    expect(() => requireGraduateId({ userId: 'e', role: 'EMPLOYER', employerId: 'e1' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => requireGraduateId({ userId: 'g', role: 'GRADUATE' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: '该账号未绑定毕业生' }),
    );
    expect(() => requireGraduateId(null)).toThrow(
      expect.objectContaining({ code: 'UNAUTHENTICATED' }),
    );
    expect(requireEmployerId({ userId: 'e', role: 'EMPLOYER', employerId: 'e1' })).toBe('e1');
    expect(() => requireEmployerId({ userId: 'e', role: 'EMPLOYER' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: '该账号未关联用人单位' }),
    );
  });
});
