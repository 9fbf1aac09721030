import { describe, expect, it } from '@jest/globals';
import {
  mayAtAll,
  may,
  reachOf,
  type ActionOf,
  type Assignment,
  type ResourceKind,
} from '@netsign/auth';
import type { Principal } from '@netsign/contracts';
import { AUTHORIZATION_MATRIX, outcomesOf } from './support/authorization-matrix.js';
import { ACTORS, OTHER_SCHOOL, type Actor } from './support/matrix-world.js';
import { SCHOOL } from './support/signing-world.js';

/**
 * The access policy (libs/auth) against the contract, without starting anything: for every route
 * of the authorisation matrix that one policy rule decides, the matrix's cells and the policy's
 * answers agree, actor by actor. (e2e/authorization-matrix checks the matrix against the running
 * system; together they tie the running system to the policy.)
 *
 * A cell counts as allowed when it is 2xx or a refusal the caller meets only after being allowed
 * (409: the thing's state). `one` routes act on G's thing; `list` routes are filtered lists, where
 * allowed means the role may list at all.
 */
type Rule = {
  [K in ResourceKind]: { kind: K; action: ActionOf<K>; on: 'one' | 'list' };
}[ResourceKind];

const RULES: Record<string, Rule> = {
  'GET /api/agreements': { kind: 'agreement', action: 'see', on: 'list' },
  'GET /api/agreements/:agreementId': { kind: 'agreement', action: 'see', on: 'one' },
  'GET /api/agreements/:id/pdf': { kind: 'agreement', action: 'see', on: 'one' },
  'POST /api/agreements/:agreementId/review': { kind: 'agreement', action: 'review', on: 'one' },
  'GET /api/review-tasks': { kind: 'agreement', action: 'review', on: 'list' },
  'GET /api/review-tasks/:taskId': { kind: 'agreement', action: 'review', on: 'one' },
  'GET /api/agreements/:agreementId/qualification-documents': {
    kind: 'agreement',
    action: 'seeQualificationDocuments',
    on: 'one',
  },
  'GET /api/agreements/:agreementId/qualification-documents/:documentId/content': {
    kind: 'agreement',
    action: 'seeQualificationDocuments',
    on: 'one',
  },
  'GET /api/print-records': { kind: 'agreement', action: 'listPrints', on: 'list' },
  'POST /api/print-records/:agreementId/re-render': {
    kind: 'agreement',
    action: 'rerender',
    on: 'one',
  },
  'POST /api/schools/:schoolCode/graduates/:graduateId/paper-forms': {
    kind: 'graduate',
    action: 'issuePaperForm',
    on: 'one',
  },
  'POST /api/schools/:schoolCode/graduates/:graduateId/paper-forms/reissue': {
    kind: 'graduate',
    action: 'issuePaperForm',
    on: 'one',
  },
  'PUT /api/schools/:schoolCode/graduates/:graduateId/destination': {
    kind: 'graduate',
    action: 'manage',
    on: 'one',
  },
  'POST /api/schools/:schoolCode/graduates/:graduateId/unlock': {
    kind: 'graduate',
    action: 'manage',
    on: 'one',
  },
  'DELETE /api/schools/:schoolCode/graduates/:graduateId/wechat-binding': {
    kind: 'graduate',
    action: 'manage',
    on: 'one',
  },
  'GET /api/applications': { kind: 'recruitment', action: 'list', on: 'list' },
  'GET /api/interview-invitations': { kind: 'recruitment', action: 'list', on: 'list' },
  'GET /api/signing-offers': { kind: 'recruitment', action: 'list', on: 'list' },
  'POST /api/terminations': { kind: 'termination', action: 'apply', on: 'one' },
  'GET /api/terminations': { kind: 'termination', action: 'see', on: 'list' },
  'GET /api/terminations/:id': { kind: 'termination', action: 'see', on: 'one' },
  'GET /api/terminations/:id/materials/:materialId/content': {
    kind: 'termination',
    action: 'see',
    on: 'one',
  },
  'POST /api/terminations/:id/decision': { kind: 'termination', action: 'decide', on: 'one' },
};

/** G: school SCHOOL, department CS, class CS2201 (matrix-world.ts); G's employer. */
const G = { graduateId: 'g', schoolCode: SCHOOL, departmentCode: 'CS', className: 'CS2201' };
const RESOURCE = { graduate: G, employerId: 'e-own' };
const assigned: Assignment = { schoolCode: SCHOOL, graduateIds: [], classNames: ['CS2201'] };
const unassigned: Assignment = {
  schoolCode: SCHOOL,
  graduateIds: ['someone'],
  classNames: ['CS2209'],
};

const PRINCIPALS: Record<Actor, { principal: Principal | null; assignment?: Assignment }> = {
  anon: { principal: null },
  unb: { principal: { userId: 'wechat:o', role: 'WECHAT_UNBOUND', openId: 'o' } },
  gOwn: { principal: { userId: 'g', role: 'GRADUATE', graduateId: 'g' } },
  gOth: { principal: { userId: 'g2', role: 'GRADUATE', graduateId: 'g2' } },
  eOwn: { principal: { userId: 'e1', role: 'EMPLOYER', employerId: 'e-own' } },
  eOth: { principal: { userId: 'e2', role: 'EMPLOYER', employerId: 'e-other' } },
  dSame: {
    principal: { userId: 'd1', role: 'DEPARTMENT_STAFF', schoolCode: SCHOOL, departmentCode: 'CS' },
  },
  dOth: {
    principal: {
      userId: 'd2',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'LAW',
    },
  },
  dOS: {
    principal: {
      userId: 'd3',
      role: 'DEPARTMENT_STAFF',
      schoolCode: OTHER_SCHOOL,
      departmentCode: 'CS',
    },
  },
  cAs: {
    principal: { userId: 'c1', role: 'COUNSELLOR', schoolCode: SCHOOL },
    assignment: assigned,
  },
  cUn: {
    principal: { userId: 'c2', role: 'COUNSELLOR', schoolCode: SCHOOL },
    assignment: unassigned,
  },
  saS: { principal: { userId: 'a1', role: 'SCHOOL_ADMIN', schoolCode: SCHOOL } },
  saO: { principal: { userId: 'a2', role: 'SCHOOL_ADMIN', schoolCode: OTHER_SCHOOL } },
  prov: { principal: { userId: 'p', role: 'PROVINCE_ADMIN' } },
};

const allowedCell = (cell: 'ok' | number) => cell === 'ok' || cell === 409;

describe('the access policy agrees with the authorisation matrix', () => {
  it('names only routes the matrix lists', () => {
    const routes = new Set(AUTHORIZATION_MATRIX.map((r) => r.route));
    expect(Object.keys(RULES).filter((r) => !routes.has(r))).toEqual([]);
  });

  it.each(Object.keys(RULES))('%s', (route) => {
    const rule = RULES[route]!;
    const row = AUTHORIZATION_MATRIX.find((r) => r.route === route)!;
    const outcomes = outcomesOf(row);
    const answers = Object.fromEntries(
      ACTORS.map((actor) => {
        const { principal, assignment } = PRINCIPALS[actor];
        const allowed =
          rule.on === 'one'
            ? may(principal, rule.kind, rule.action as never, RESOURCE, assignment ?? null)
            : mayAtAll(principal, rule.kind, rule.action as never) &&
              reachOf(principal, assignment ?? null) !== null;
        return [actor, allowed];
      }),
    );
    const expected = Object.fromEntries(ACTORS.map((a) => [a, allowedCell(outcomes[a])]));
    expect(answers).toEqual(expected);
  });
});
