import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { sleep, waitFor } from '@netsign/testing';
import { idNumberCheckChar } from '../apps/identity/src/modules/roster/domain/id-number.js';
import { startPlatform, type Platform } from './support/platform.js';
import { issueToken } from './support/tokens.js';
import { documentChecker } from './support/openapi-conformance.js';

/** A valid GB 11643 number: region 340104, born 2003-01-01, sequence n. */
function idNumber(n: number): string {
  const first17 = `34010420030101${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const graduate = (i: number, departmentCode: string, className: string) => ({
  studentNo: `S${i}`,
  name: `学生${i}`,
  gender: '男',
  idNumber: idNumber(i),
  departmentCode,
  major: '软件工程',
  degree: '本科',
  className,
  originPlace: '安徽合肥',
  graduationYear: 2026,
});

/**
 * Staff accounts after creation: school admins list them, change a counsellor's assignment or a
 * department staff member's department, deactivate someone who left; everyone with a password
 * changes it. Ending sessions is checked on signing's routes: the gateway refuses the tokens.
 */
describe('staff accounts through the gateway: list, scope, deactivation, own password', () => {
  let p: Platform;
  const t: Record<string, string> = {};
  const id: Record<string, string> = {};
  const g: Record<string, string> = {};
  const login = (username: string, password: string) =>
    p.http('POST', '/api/auth/login', { body: { username, password } });
  const tokenOf = async (username: string, password: string) => {
    const res = await login(username, password);
    expect(res.status).toBe(200);
    return res.body.accessToken as string;
  };
  const staff = (school: string, body: object) =>
    p.http('POST', `/api/schools/${school}/staff`, { token: t.admin, body });
  const patch = (school: string, userId: string, body: unknown, token = t.schoolAdmin) =>
    p.http('PATCH', `/api/schools/${school}/staff/${userId}`, { token, body });
  const audit = async (action: string, subjectId: string) =>
    (await p.services
      .get('identity')!
      .dataSource.query(
        `SELECT actor_user_id, actor_role, before, after, reason FROM audit_log WHERE action = $1 AND subject_id = $2 ORDER BY id`,
        [action, subjectId],
      )) as Array<{
      actor_user_id: string;
      actor_role: string;
      before: any;
      after: any;
      reason: string | null;
    }>;
  /** Served by signing (it asks identity for a counsellor's assignment): not identity's own route. */
  const agreements = (token: string) => p.http('GET', '/api/agreements', { token });
  const namesSeenBy = async (token: string) =>
    (
      (await p.http('GET', '/api/schools/10357/graduates', { token })).body.items as Array<{
        studentNo: string;
      }>
    )
      .map((x) => x.studentNo)
      .sort();

  beforeAll(async () => {
    p = await startPlatform('staff-accounts', {
      services: ['identity', 'signing'],
      vars: { BOOTSTRAP_ADMIN_PASSWORD: 'province-secret-1' },
    });
    t.admin = await tokenOf('admin', 'province-secret-1');
    const departments = [
      { code: 'CS', name: '计算机学院' },
      { code: 'LAW', name: '法学院' },
    ];
    expect(
      (
        await p.http('POST', '/api/schools', {
          token: t.admin,
          body: { code: '10357', name: '安徽大学', departments },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await p.http('POST', '/api/schools', {
          token: t.admin,
          body: { code: '10358', name: '合肥工业大学', departments },
        })
      ).status,
    ).toBe(201);
    const create = async (school: string, body: Record<string, unknown>) => {
      const res = await staff(school, body);
      expect(res.status).toBe(201);
      id[body['username'] as string] = res.body.userId;
    };
    await create('10357', { username: 'sa1', password: 'school-admin-1', role: 'SCHOOL_ADMIN' });
    await create('10358', { username: 'sa2', password: 'school-admin-2', role: 'SCHOOL_ADMIN' });
    t.schoolAdmin = await tokenOf('sa1', 'school-admin-1');
    t.otherSchoolAdmin = await tokenOf('sa2', 'school-admin-2');
    const roster = async (school: string, graduates: object[]) =>
      expect(
        (
          await p.http('POST', `/api/schools/${school}/roster`, {
            token: t.admin,
            body: { graduates },
          })
        ).body,
      ).toMatchObject({ rejected: [] });
    await roster('10357', [
      graduate(1, 'CS', 'CS2201'),
      graduate(2, 'CS', 'CS2201'),
      graduate(3, 'CS', 'CS2202'),
      graduate(4, 'LAW', 'LAW2201'),
    ]);
    await roster('10358', [graduate(5, 'CS', 'CS2201')]);
    for (const school of ['10357', '10358']) {
      const list = await p.http('GET', `/api/schools/${school}/graduates`, { token: t.admin });
      for (const x of list.body.items) g[x.studentNo] = x.graduateId;
    }
    await create('10357', {
      username: 'cs1',
      password: 'dept-staff-1',
      role: 'DEPARTMENT_STAFF',
      departmentCode: 'CS',
    });
    await create('10357', {
      username: 'co1',
      password: 'counsellor-1',
      role: 'COUNSELLOR',
      classNames: ['CS2201'],
    });
    t.deptStaff = await tokenOf('cs1', 'dept-staff-1');
    t.counsellor = await tokenOf('co1', 'counsellor-1');
  }, 60_000);
  afterAll(async () => {
    await p?.close();
  });

  it('lists the school’s staff to its school admin and the province, paged, without password hashes', async () => {
    const list = await p.http('GET', '/api/schools/10357/staff', { token: t.schoolAdmin });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(3);
    expect(list.body.items.map((s: any) => s.username)).toEqual(['sa1', 'cs1', 'co1']);
    expect(list.body.items[2]).toEqual({
      userId: id.co1,
      username: 'co1',
      role: 'COUNSELLOR',
      schoolCode: '10357',
      departmentCode: null,
      graduateIds: [],
      classNames: ['CS2201'],
      active: true,
      deactivatedAt: null,
      createdAt: expect.any(String),
    });
    expect(JSON.stringify(list.body)).not.toMatch(/password|argon2/i);
    const counsellors = await p.http('GET', '/api/schools/10357/staff?role=COUNSELLOR', {
      token: t.admin,
    });
    expect(counsellors.body).toMatchObject({ total: 1, items: [{ username: 'co1' }] });
    const paged = await p.http('GET', '/api/schools/10357/staff?page=2&pageSize=2', {
      token: t.admin,
    });
    expect(paged.body).toMatchObject({
      total: 3,
      page: 2,
      pageSize: 2,
      items: [{ username: 'co1' }],
    });
    // Out of scope: another school's admin, department staff, counsellors.
    for (const token of [t.otherSchoolAdmin, t.deptStaff, t.counsellor]) {
      const res = await p.http('GET', '/api/schools/10357/staff', { token });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    expect((await p.http('GET', '/api/schools/10357/staff')).status).toBe(401);
    expect((await p.http('GET', '/api/schools/99999/staff', { token: t.admin })).status).toBe(404);
    const bad = await p.http('GET', '/api/schools/10357/staff?role=EMPLOYER&pageSize=500', {
      token: t.admin,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: any) => f.field).sort()).toEqual(['pageSize', 'role']);
  });

  it('changes a counsellor’s assignment: the counsellor’s next request sees the new graduates (audited)', async () => {
    expect(await namesSeenBy(t.counsellor)).toEqual(['S1', 'S2']);
    const res = await patch('10357', id.co1!, { classNames: ['CS2202'], graduateIds: [g.S4] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      userId: id.co1,
      classNames: ['CS2202'],
      graduateIds: [g.S4],
      active: true,
    });
    // Same token, no new login: the assignment is identity's, asked per request.
    expect(await namesSeenBy(t.counsellor)).toEqual(['S3', 'S4']);
    expect((await agreements(t.counsellor)).status).toBe(200);
    expect(await audit('STAFF_SCOPE_CHANGED', id.co1!)).toEqual([
      {
        actor_user_id: id.sa1,
        actor_role: 'SCHOOL_ADMIN',
        before: { departmentCode: null, graduateIds: [], classNames: ['CS2201'] },
        after: { departmentCode: null, graduateIds: [g.S4], classNames: ['CS2202'] },
        reason: null,
      },
    ]);
    // The province may too; sending what is already stored changes nothing and writes nothing.
    expect((await patch('10357', id.co1!, { classNames: ['CS2202'] }, t.admin)).status).toBe(200);
    expect(await audit('STAFF_SCOPE_CHANGED', id.co1!)).toHaveLength(1);
  });

  it('refuses changes that do not fit the account, naming the field; another school’s account is 404', async () => {
    const field = async (res: { status: number; body: any }) => {
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      return res.body.details.fields[0].field as string;
    };
    // A graduate of another school, or no graduate at all.
    const foreign = await patch('10357', id.co1!, { graduateIds: [g.S5] });
    expect(await field(foreign)).toBe('graduateIds');
    expect(foreign.body.details.fields[0].graduateIds).toEqual([g.S5]);
    expect(
      await field(
        await patch('10357', id.co1!, { graduateIds: ['00000000-0000-4000-8000-000000000000'] }),
      ),
    ).toBe('graduateIds');
    expect(await field(await patch('10357', id.co1!, { graduateIds: ['not-a-uuid'] }))).toBe(
      'graduateIds',
    );
    // A counsellor responsible for no one, or given a department.
    expect(await field(await patch('10357', id.co1!, { graduateIds: [], classNames: [] }))).toBe(
      'graduateIds',
    );
    expect(await field(await patch('10357', id.co1!, { departmentCode: 'CS' }))).toBe(
      'departmentCode',
    );
    // Department staff: an existing department of this school only, no graduates.
    expect(await field(await patch('10357', id.cs1!, { departmentCode: 'MED' }))).toBe(
      'departmentCode',
    );
    expect(await field(await patch('10357', id.cs1!, { graduateIds: [g.S1] }))).toBe('graduateIds');
    expect(await field(await patch('10357', id.sa1!, { classNames: ['X'] }))).toBe('classNames');
    expect(await field(await patch('10357', id.co1!, {}))).toBe('body');
    expect(await field(await patch('10357', id.co1!, { role: 'SCHOOL_ADMIN' }))).toBe('role');
    expect((await patch('10357', 'nope', { classNames: ['X'] })).status).toBe(400);
    // Another school's account through this school's path; this school's account by another school's admin.
    const other = await patch('10357', id.sa2!, { classNames: ['X'] });
    expect(other.status).toBe(404);
    expect(other.body.code).toBe('NOT_FOUND');
    expect((await patch('10358', id.co1!, { classNames: ['X'] }, t.admin)).status).toBe(404);
    expect((await patch('10357', id.co1!, { classNames: ['X'] }, t.otherSchoolAdmin)).status).toBe(
      403,
    );
    expect((await patch('10357', id.co1!, { classNames: ['X'] }, t.deptStaff)).status).toBe(403);
    // Nothing of the refused changes was applied.
    expect(await namesSeenBy(t.counsellor)).toEqual(['S3', 'S4']);
  });

  it('moves department staff to another department; the department in their token ends their sessions', async () => {
    expect(await namesSeenBy(t.deptStaff)).toEqual(['S1', 'S2', 'S3']);
    const res = await patch('10357', id.cs1!, { departmentCode: 'LAW' });
    expect(res.status).toBe(200);
    expect(res.body.departmentCode).toBe('LAW');
    await waitFor(async () => (await agreements(t.deptStaff)).status === 401, {
      what: 'old department session refused',
    });
    await sleep(1_100); // a later second than the revocation (tokens carry whole seconds)
    t.deptStaff = await tokenOf('cs1', 'dept-staff-1');
    expect(await namesSeenBy(t.deptStaff)).toEqual(['S4']);
    expect(await audit('STAFF_SCOPE_CHANGED', id.cs1!)).toMatchObject([
      { before: { departmentCode: 'CS' }, after: { departmentCode: 'LAW' } },
    ]);
  });

  it('deactivates someone who left: no login, sessions end on every route; twice is 409; reactivation', async () => {
    await staff('10357', {
      username: 'co2',
      password: 'counsellor-2',
      role: 'COUNSELLOR',
      classNames: ['CS2201'],
    }).then((r) => {
      expect(r.status).toBe(201);
      id.co2 = r.body.userId;
    });
    const old = await tokenOf('co2', 'counsellor-2');
    expect((await agreements(old)).status).toBe(200);
    const deactivate = (userId: string, body: unknown, token = t.schoolAdmin, school = '10357') =>
      p.http('POST', `/api/schools/${school}/staff/${userId}/deactivation`, { token, body });
    expect((await deactivate(id.co2!, {})).body.details.fields[0].field).toBe('reason');
    expect((await deactivate(id.co2!, { reason: '   ' })).status).toBe(400);
    const self = await deactivate(id.sa1!, { reason: '离职' });
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('自己');
    expect((await deactivate(id.co2!, { reason: '离职' }, t.otherSchoolAdmin)).status).toBe(403);
    expect(
      (await deactivate(id.co2!, { reason: '离职' }, t.otherSchoolAdmin, '10358')).status,
    ).toBe(404);
    expect((await deactivate(id.co2!, { reason: '离职' }, t.counsellor)).status).toBe(403);

    const done = await deactivate(id.co2!, { reason: '已调离本校' });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({
      userId: id.co2,
      active: false,
      deactivatedAt: expect.any(String),
    });
    // Login: the right password learns the account is deactivated; a wrong one learns nothing.
    const refused = await login('co2', 'counsellor-2');
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining('停用'),
    });
    const guessed = await login('co2', 'wrong-password');
    expect(guessed.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    // The old session is refused on signing's route too, not only on identity's.
    await waitFor(async () => (await agreements(old)).status === 401, {
      what: 'deactivated session refused by signing',
    });
    expect((await p.http('GET', '/api/me', { token: old })).status).toBe(401);
    expect((await p.http('GET', '/api/schools/10357/graduates', { token: old })).status).toBe(401);

    const again = await deactivate(id.co2!, { reason: '已调离本校' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
    const listed = await p.http('GET', '/api/schools/10357/staff?role=COUNSELLOR', {
      token: t.schoolAdmin,
    });
    expect(listed.body.items.find((s: any) => s.userId === id.co2)).toMatchObject({
      active: false,
    });
    expect(await audit('STAFF_DEACTIVATED', id.co2!)).toEqual([
      {
        actor_user_id: id.sa1,
        actor_role: 'SCHOOL_ADMIN',
        before: { active: true },
        after: { active: false, deactivatedAt: done.body.deactivatedAt },
        reason: '已调离本校',
      },
    ]);

    // Back (a mistake): the account logs in again; the sessions it had stay ended.
    await sleep(1_100); // a later second than the revocation
    const reactivate = () =>
      p.http('POST', `/api/schools/10357/staff/${id.co2}/reactivation`, { token: t.schoolAdmin });
    expect((await reactivate()).body).toMatchObject({ active: true, deactivatedAt: null });
    expect((await reactivate()).status).toBe(409);
    const fresh = await tokenOf('co2', 'counsellor-2');
    expect((await agreements(fresh)).status).toBe(200);
    expect((await agreements(old)).status).toBe(401);
    expect(await audit('STAFF_REACTIVATED', id.co2!)).toHaveLength(1);
  });

  it('changes one’s own password: other sessions end, the fresh token works, only the new password logs in', async () => {
    await staff('10357', {
      username: 'co3',
      password: 'counsellor-3',
      role: 'COUNSELLOR',
      classNames: ['CS2201'],
    }).then((r) => {
      id.co3 = r.body.userId;
    });
    const caller = await tokenOf('co3', 'counsellor-3');
    const otherDevice = await tokenOf('co3', 'counsellor-3');
    expect((await agreements(otherDevice)).status).toBe(200);
    const change = (token: string, body: unknown) =>
      p.http('POST', '/api/me/password', { token, body });

    const wrong = await change(caller, {
      currentPassword: 'not-it-at-all',
      newPassword: 'counsellor-3-new',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'currentPassword' }] },
    });
    const weak = await change(caller, { currentPassword: 'counsellor-3', newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.details.fields[0].field).toBe('newPassword');
    expect(
      (await change(caller, { currentPassword: 'counsellor-3', newPassword: 'counsellor-3' })).body
        .details.fields[0].field,
    ).toBe('newPassword');

    const changed = await change(caller, {
      currentPassword: 'counsellor-3',
      newPassword: 'counsellor-3-new',
    });
    expect(changed.status).toBe(200);
    const fresh = changed.body.accessToken as string;
    expect((await agreements(fresh)).status).toBe(200);
    // Every session opened before the change ends, on signing's routes too; the fresh one stays.
    await waitFor(async () => (await agreements(otherDevice)).status === 401, {
      what: 'other session refused',
    });
    expect((await agreements(caller)).status).toBe(401);
    expect((await agreements(fresh)).status).toBe(200);
    expect((await p.http('GET', '/api/me', { token: fresh })).body).toMatchObject({
      username: 'co3',
    });

    expect((await login('co3', 'counsellor-3')).status).toBe(401);
    const relogin = await login('co3', 'counsellor-3-new');
    expect(relogin.status).toBe(200);
    // A login right after the change (often in its very second) opens a session that works.
    expect((await agreements(relogin.body.accessToken)).status).toBe(200);
    const rows = await audit('PASSWORD_CHANGED', id.co3!);
    expect(rows).toEqual([
      { actor_user_id: id.co3, actor_role: 'COUNSELLOR', before: null, after: null, reason: null },
    ]);
  });

  it('lets employers and admins change theirs too, not WeChat graduates; guesses are rate limited per account', async () => {
    const employer = await p.http('POST', '/api/employers', {
      body: {
        creditCode: '91350100M000100Y43',
        name: '示例科技有限公司',
        nature: '民营企业',
        industry: '信息技术',
        address: '福州市',
        hasHiringAutonomy: true,
        contactName: '李四',
        contactPhone: '0591-1234567',
        username: 'hr-acme',
        password: 'employer-pass-1',
      },
    });
    expect(employer.status).toBe(201);
    const hr = await tokenOf('hr-acme', 'employer-pass-1');
    const changed = await p.http('POST', '/api/me/password', {
      token: hr,
      body: { currentPassword: 'employer-pass-1', newPassword: 'employer-pass-2' },
    });
    expect(changed.status).toBe(200);
    expect((await login('hr-acme', 'employer-pass-2')).status).toBe(200);

    const graduateToken = await issueToken(p, {
      userId: g.S1!,
      role: 'GRADUATE',
      graduateId: g.S1!,
      schoolCode: '10357',
    });
    const refused = await p.http('POST', '/api/me/password', {
      token: graduateToken,
      body: { currentPassword: 'whatever-1', newPassword: 'whatever-2' },
    });
    expect(refused.status).toBe(403);

    // Ten attempts a minute per account, like login; another account is not affected.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (
          await p.http('POST', '/api/me/password', {
            token: t.schoolAdmin,
            body: { currentPassword: `guess-${i}-x`, newPassword: 'school-admin-9' },
          })
        ).status,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses[10]).toBe(429);
    const limited = await p.http('POST', '/api/me/password', {
      token: t.schoolAdmin,
      body: { currentPassword: 'x', newPassword: 'school-admin-9' },
    });
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(
      (
        await p.http('POST', '/api/me/password', {
          token: t.admin,
          body: { currentPassword: 'nope', newPassword: 'province-secret-2' },
        })
      ).status,
    ).toBe(400);
  });

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(p)).checkAll(p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'createStaffAccount',
        'listStaffAccounts',
        'updateStaffAccount',
        'deactivateStaffAccount',
        'changePassword',
      ]),
    );
  });
});
