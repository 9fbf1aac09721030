import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { counsellorAssignment, graduateDestinationList, type Principal } from '@netsign/contracts';
import { BusClient, BusNames, connectNats, type NatsConnection } from '@netsign/messaging';
import { waitFor } from '@netsign/testing';
import {
  rosterRecord,
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';
import { issueToken } from './support/tokens.js';

/**
 * A counsellor (辅导员) sees exactly the graduates identity assigns them — by id or by class —
 * never their whole department: agreements (list and get), terminations and paper forms through
 * the gateway, destinations over the bus.
 *
 * Graduates 1, 2, 3, 6, 7 sign and are in department CS, 5 signs and is in LAW. Classes: 1, 2, 7
 * in CS2201; 3, 6 in CS2202. Counsellor A is assigned graduates 1 and 2 by id; counsellor B the
 * class CS2202. Graduate 7 (CS2201, same department, same class as A's graduates) belongs to
 * neither: a scope that widened to the department or to the class of an assigned graduate shows it.
 */
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

describe('counsellor scope', () => {
  let w: SigningWorld;
  let storageDir: string;
  let nc: NatsConnection;
  let bus: BusClient;
  let employer: Employer;
  const g: Record<number, Graduate> = {};
  const agreementOf: Record<number, string> = {};
  let byIds: { token: string; userId: string };
  let byClass: { token: string; userId: string };
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const staff = async (username: string, scope: object) => {
    const created = w.ok<{ userId: string }>(
      await http('POST', `/api/schools/${SCHOOL}/staff`, w.schoolAdmin, {
        username,
        password: 'counsellor-pass',
        role: 'COUNSELLOR',
        ...scope,
      }),
    );
    const token = w.ok<{ accessToken: string }>(
      await http('POST', '/api/auth/login', undefined, { username, password: 'counsellor-pass' }),
    ).accessToken;
    return { token, userId: created.userId };
  };
  const listed = async (token: string, query = '') => {
    const res = await http('GET', `/api/agreements?pageSize=100${query}`, token);
    expect(res.status).toBe(200);
    return {
      total: res.body.total as number,
      ids: (res.body.items as Array<{ id: string }>).map((a) => a.id).sort(),
    };
  };
  const agreementsOf = (...graduates: number[]) => graduates.map((i) => agreementOf[i]!).sort();
  const apply = async (graduate: Graduate, agreementId: string) => {
    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', '考取研究生');
    form.append(
      'materials',
      new Blob([new Uint8Array(pdf(`offer-${graduate.index}`))]),
      '录取通知.pdf',
    );
    const res = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${graduate.token}` },
      body: form,
    });
    const body = (await res.json()) as { id: string };
    if (res.status !== 201) throw new Error(`termination: ${res.status} ${JSON.stringify(body)}`);
    return body.id;
  };
  const ctx = (principal: Principal) => ({
    principal,
    correlationId: `counsellor-scope-${Date.now()}`,
  });

  beforeAll(async () => {
    storageDir = await mkdtemp(join(tmpdir(), 'counsellor-scope-files-'));
    w = await startSigningWorld('counsellorscope', 10, { STORAGE_DIR: storageDir });
    nc = await connectNats(w.p.env.vars['NATS_URL']!, 'counsellor-scope-e2e');
    bus = new BusClient(nc, new BusNames(w.p.env.busPrefix), 10_000);
    // Move graduates 3 and 6 to class CS2202 before they sign: the agreement freezes the class.
    const moved = w.ok<{ updated: number }>(
      await http('POST', `/api/schools/${SCHOOL}/roster`, w.schoolAdmin, {
        graduates: [3, 6].map((i) => ({ ...rosterRecord(i), className: 'CS2202' })),
      }),
    );
    expect(moved.updated).toBe(2);
    employer = await w.employer(1, true);
    for (const i of [1, 2, 3, 5, 6, 7]) {
      g[i] = await w.graduate(i);
      agreementOf[i] = w.ok<{ agreementId: string }>(
        await http('POST', '/api/agreements', employer.token, {
          positionId: employer.positionId,
          graduate: g[i]!.identity,
          terms: TERMS,
        }),
      ).agreementId;
    }
    byIds = await staff('counsellor-ids', { graduateIds: [g[1]!.graduateId, g[2]!.graduateId] });
    byClass = await staff('counsellor-class', { classNames: ['CS2202'] });
  }, 180_000);
  afterAll(async () => {
    await nc?.close();
    await w?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 120_000);

  it('identity answers a counsellor’s assignment to services and to that counsellor only', async () => {
    const expected = {
      schoolCode: SCHOOL,
      departmentCode: null,
      graduateIds: [g[1]!.graduateId, g[2]!.graduateId],
      classNames: [],
    };
    expect(
      await bus.request(
        counsellorAssignment,
        { userId: byIds.userId },
        ctx({ userId: 'signing', role: 'SERVICE' }),
      ),
    ).toEqual(expected);
    const self: Principal = { userId: byClass.userId, role: 'COUNSELLOR', schoolCode: SCHOOL };
    expect(await bus.request(counsellorAssignment, { userId: byClass.userId }, ctx(self))).toEqual({
      schoolCode: SCHOOL,
      departmentCode: null,
      graduateIds: [],
      classNames: ['CS2202'],
    });
    await expect(
      bus.request(counsellorAssignment, { userId: byIds.userId }, ctx(self)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const other of [
      { userId: 'sa', role: 'SCHOOL_ADMIN', schoolCode: SCHOOL },
      { userId: 'd', role: 'DEPARTMENT_STAFF', schoolCode: SCHOOL, departmentCode: 'CS' },
      { userId: 'p', role: 'PROVINCE_ADMIN' },
      { userId: g[1]!.graduateId, role: 'GRADUATE', graduateId: g[1]!.graduateId },
    ] as Principal[]) {
      await expect(
        bus.request(counsellorAssignment, { userId: byIds.userId }, ctx(other)),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const schoolAdmin = w.ok<{ userId: string }>(
      await http('POST', `/api/schools/${SCHOOL}/staff`, w.schoolAdmin, {
        username: 'cs-staff',
        password: 'staff-pass-1',
        role: 'DEPARTMENT_STAFF',
        departmentCode: 'CS',
      }),
    );
    await expect(
      bus.request(
        counsellorAssignment,
        { userId: schoolAdmin.userId },
        ctx({ userId: 'signing', role: 'SERVICE' }),
      ),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('agreements: each counsellor lists and opens exactly their graduates’ agreements, never the department’s', async () => {
    const csStaff = await issueToken(w.p, {
      userId: 'cs',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'CS',
    });
    expect(await listed(csStaff)).toEqual({ total: 5, ids: agreementsOf(1, 2, 3, 6, 7) }); // what "the department" would be

    expect(await listed(byIds.token)).toEqual({ total: 2, ids: agreementsOf(1, 2) });
    expect(await listed(byClass.token)).toEqual({ total: 2, ids: agreementsOf(3, 6) });
    // Paged and filtered inside the scope: the total counts the scope, not the page.
    const page = await http(
      'GET',
      '/api/agreements?pageSize=1&page=2&status=PENDING_REVIEW',
      byIds.token,
    );
    expect([page.body.total, page.body.items.length]).toEqual([2, 1]);
    expect(agreementsOf(1, 2)).toContain(page.body.items[0].id);

    const readable = async (token: string, i: number) => {
      const res = await http('GET', `/api/agreements/${agreementOf[i]}`, token);
      if (res.status === 404) expect(res.body.code).toBe('NOT_FOUND');
      return res.status;
    };
    for (const i of [1, 2, 3, 5, 6, 7]) {
      expect([i, await readable(byIds.token, i)]).toEqual([i, [1, 2].includes(i) ? 200 : 404]);
      expect([i, await readable(byClass.token, i)]).toEqual([i, [3, 6].includes(i) ? 200 : 404]);
    }

    // A token that also names a department (as an older token might) changes nothing.
    const withDepartment = await issueToken(w.p, {
      userId: byIds.userId,
      role: 'COUNSELLOR',
      schoolCode: SCHOOL,
      departmentCode: 'CS',
    });
    expect(await listed(withDepartment)).toEqual({ total: 2, ids: agreementsOf(1, 2) });
    expect(await readable(withDepartment, 7)).toBe(404);
    // A counsellor token identity does not know sees nothing.
    const unknown = await issueToken(w.p, {
      userId: '00000000-0000-4000-8000-000000000000',
      role: 'COUNSELLOR',
      schoolCode: SCHOOL,
      departmentCode: 'CS',
    });
    expect((await http('GET', '/api/agreements', unknown)).status).toBe(403);
    expect((await http('GET', `/api/agreements/${agreementOf[1]}`, unknown)).status).toBe(403);
  });

  it('destinations: a counsellor asking for the school’s graduates gets back only theirs', async () => {
    const all = [1, 2, 3, 5, 6, 7].map((i) => g[i]!.graduateId);
    const asked = async (principal: Principal) =>
      (
        await bus.request(
          graduateDestinationList,
          { schoolCode: SCHOOL, graduateIds: all },
          ctx(principal),
        )
      )
        .map((d) => d.graduateId)
        .sort();
    const ids = (...graduates: number[]) => graduates.map((i) => g[i]!.graduateId).sort();
    expect(await asked({ userId: byIds.userId, role: 'COUNSELLOR', schoolCode: SCHOOL })).toEqual(
      ids(1, 2),
    );
    expect(await asked({ userId: byClass.userId, role: 'COUNSELLOR', schoolCode: SCHOOL })).toEqual(
      ids(3, 6),
    );
    expect(
      await asked({
        userId: 'cs',
        role: 'DEPARTMENT_STAFF',
        schoolCode: SCHOOL,
        departmentCode: 'CS',
      }),
    ).toEqual(ids(1, 2, 3, 6, 7));
    expect(await asked({ userId: 'sa', role: 'SCHOOL_ADMIN', schoolCode: SCHOOL })).toEqual(
      ids(1, 2, 3, 5, 6, 7),
    );
  });

  it('terminations and paper forms: each counsellor lists, opens and decides only their graduates’', async () => {
    const reviewed = (i: number) =>
      waitFor(
        async () =>
          (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
            (t: any) => t.agreementId === agreementOf[i],
          ),
        {
          what: `review task of graduate ${i}`,
        },
      );
    const terminationOf: Record<number, string> = {};
    for (const i of [1, 3, 7]) {
      await reviewed(i);
      terminationOf[i] = await apply(g[i]!, agreementOf[i]!);
    }
    const terminations = async (token: string) => {
      const res = await http('GET', '/api/terminations?pageSize=100', token);
      expect(res.status).toBe(200);
      return {
        total: res.body.total as number,
        ids: (res.body.items as Array<{ id: string }>).map((t) => t.id).sort(),
      };
    };
    const of = (...graduates: number[]) => graduates.map((i) => terminationOf[i]!).sort();
    expect(await terminations(w.schoolAdmin)).toEqual({ total: 3, ids: of(1, 3, 7) });
    expect(await terminations(byIds.token)).toEqual({ total: 1, ids: of(1) });
    expect(await terminations(byClass.token)).toEqual({ total: 1, ids: of(3) });

    expect((await http('GET', `/api/terminations/${terminationOf[1]}`, byIds.token)).status).toBe(
      200,
    );
    expect((await http('GET', `/api/terminations/${terminationOf[3]}`, byIds.token)).status).toBe(
      403,
    );
    expect((await http('GET', `/api/terminations/${terminationOf[7]}`, byIds.token)).status).toBe(
      403,
    );
    expect((await http('GET', `/api/terminations/${terminationOf[1]}`, byClass.token)).status).toBe(
      403,
    );
    const foreign = await http(
      'POST',
      `/api/terminations/${terminationOf[7]}/decision`,
      byClass.token,
      { decision: 'DISAGREE', reason: '理由不充分' },
    );
    expect([foreign.status, foreign.body.code]).toEqual([403, 'FORBIDDEN']);
    const decided = await http(
      'POST',
      `/api/terminations/${terminationOf[3]}/decision`,
      byClass.token,
      { decision: 'DISAGREE', reason: '理由不充分' },
    );
    expect(decided.body).toMatchObject({
      status: 'DISAGREED',
      decision: { decider: { userId: byClass.userId, role: 'COUNSELLOR' } },
    });

    // Paper forms, issued by the school admin; the class is recorded at issue.
    const path = (i: number) => `/api/schools/${SCHOOL}/graduates/${g[i]!.graduateId}/paper-forms`;
    const formOf: Record<number, string> = {};
    for (const i of [2, 6, 7])
      formOf[i] = w.ok<{ id: string }>(
        await http('POST', path(i), w.schoolAdmin, { formNo: `AH2026-C00${i}` }),
      ).id;
    const forms = async (token: string) => {
      const res = await http('GET', `/api/schools/${SCHOOL}/paper-forms?pageSize=100`, token);
      expect(res.status).toBe(200);
      return {
        total: res.body.total as number,
        ids: (res.body.items as Array<{ id: string }>).map((f) => f.id).sort(),
      };
    };
    const formsOf = (...graduates: number[]) => graduates.map((i) => formOf[i]!).sort();
    expect(await forms(w.schoolAdmin)).toEqual({ total: 3, ids: formsOf(2, 6, 7) });
    expect(await forms(byIds.token)).toEqual({ total: 1, ids: formsOf(2) });
    expect(await forms(byClass.token)).toEqual({ total: 1, ids: formsOf(6) });
  });
});
