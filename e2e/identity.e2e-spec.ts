import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  graduateGet,
  graduateIdNumber,
  graduateInScope,
  rosterMatch,
  type Principal,
} from '@netsign/contracts';
import { BusClient, BusNames, connectNats, type NatsConnection } from '@netsign/messaging';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { idNumberCheckChar } from '../apps/identity/src/modules/roster/domain/id-number.js';
import { waitFor } from '@netsign/testing';
import { maskedIdNumber } from './support/masking.js';
import { startPlatform, type Platform } from './support/platform.js';
import { issueToken } from './support/tokens.js';

/** A valid GB 11643 number: region 340104, born 2003-mm-dd, sequence n. */
export function idNumber(n: number): string {
  const month = String(1 + (Math.floor(n / 1000) % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(n / 12_000) % 28)).padStart(2, '0');
  const first17 = `3401042003${month}${day}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

const HEADER =
  'studentNo,name,gender,idNumber,departmentCode,major,degree,className,originPlace,graduationYear';
const row = (i: number, dept = 'CS', cls = 'CS2201') =>
  `S${i},学生${i},${i % 2 ? '男' : '女'},${idNumber(i)},${dept},软件工程,本科,${cls},安徽合肥,2026`;
const graduate = (i: number, over: Record<string, unknown> = {}) => ({
  studentNo: `S${i}`,
  name: `学生${i}`,
  gender: '男',
  idNumber: idNumber(i),
  departmentCode: 'CS',
  major: '软件工程',
  degree: '本科',
  className: 'CS2201',
  originPlace: '安徽合肥',
  graduationYear: 2026,
  ...over,
});

describe('identity through the gateway: accounts, roster, scopes, personal data', () => {
  let p: Platform;
  let nc: NatsConnection;
  let bus: BusClient;
  const t: Record<string, string> = {};
  const upload = async (token: string, name: string, bytes: Buffer | string, school = '10357') => {
    const form = new FormData();
    form.append('file', new Blob([bytes]), name);
    const res = await fetch(`${p.url}/api/schools/${school}/roster`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const login = async (username: string, password: string) =>
    (await p.http('POST', '/api/auth/login', { body: { username, password } })).body
      .accessToken as string;
  const ctx = (principal: Principal) => ({ principal, correlationId: `test-${Date.now()}` });

  beforeAll(async () => {
    p = await startPlatform('identity', {
      // signing too: the roster listing carries each graduate's destination, which signing owns.
      services: ['identity', 'signing'],
      // No outbox sweep: events must leave because their commit woke the relay (bulk imports too).
      vars: { BOOTSTRAP_ADMIN_PASSWORD: 'province-secret-1', OUTBOX_SWEEP_MS: '600000' },
    });
    nc = await connectNats(p.env.vars['NATS_URL']!, 'identity-e2e');
    bus = new BusClient(nc, new BusNames(p.env.busPrefix), 10_000);
  }, 60_000);
  afterAll(async () => {
    await nc?.close();
    await p?.close();
  });

  it('bootstraps the province admin and logs in; wrong passwords are 401 without saying why', async () => {
    const ok = await p.http('POST', '/api/auth/login', {
      body: { username: 'admin', password: 'province-secret-1' },
    });
    expect(ok.status).toBe(200);
    t.admin = ok.body.accessToken;
    for (const body of [
      { username: 'admin', password: 'nope' },
      { username: 'ghost', password: 'nope' },
    ]) {
      const bad = await p.http('POST', '/api/auth/login', { body });
      expect(bad.status).toBe(401);
      expect(bad.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '用户名或密码错误' });
    }
    expect(
      (await p.http('POST', '/api/auth/login', { body: { username: 'admin' } })).body.code,
    ).toBe('VALIDATION_FAILED');
    const me = await p.http('GET', '/api/me', { token: t.admin });
    expect(me.body).toMatchObject({ role: 'PROVINCE_ADMIN', username: 'admin' });
  });

  it('creates schools (province admin only) and staff in scope', async () => {
    const school = {
      code: '10357',
      name: '安徽大学',
      departments: [
        { code: 'CS', name: '计算机学院' },
        { code: 'LAW', name: '法学院' },
      ],
    };
    expect((await p.http('POST', '/api/schools', { body: school })).status).toBe(401);
    expect((await p.http('POST', '/api/schools', { token: t.admin, body: school })).status).toBe(
      201,
    );
    expect((await p.http('POST', '/api/schools', { token: t.admin, body: school })).body.code).toBe(
      'CONFLICT',
    );
    expect(
      (
        await p.http('POST', '/api/schools', {
          token: t.admin,
          body: { ...school, code: '10358', departments: [] },
        })
      ).status,
    ).toBe(201);
    const bad = await p.http('POST', '/api/schools', {
      token: t.admin,
      body: { code: 'x y', name: '' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    const staff = (body: object, token = t.admin, school = '10357') =>
      p.http('POST', `/api/schools/${school}/staff`, { token, body });
    expect(
      (await staff({ username: 'sa1', password: 'school-admin-1', role: 'SCHOOL_ADMIN' })).status,
    ).toBe(201);
    t.schoolAdmin = await login('sa1', 'school-admin-1');
    expect(
      (
        await staff(
          { username: 'sa2', password: 'school-admin-2', role: 'SCHOOL_ADMIN' },
          t.admin,
          '10358',
        )
      ).status,
    ).toBe(201);
    t.otherSchoolAdmin = await login('sa2', 'school-admin-2');
    expect(
      (
        await staff(
          {
            username: 'cs1',
            password: 'dept-staff-1',
            role: 'DEPARTMENT_STAFF',
            departmentCode: 'CS',
          },
          t.schoolAdmin,
        )
      ).status,
    ).toBe(201);
    t.deptStaff = await login('cs1', 'dept-staff-1');
    const noDept = await staff(
      { username: 'cs2', password: 'dept-staff-2', role: 'DEPARTMENT_STAFF' },
      t.schoolAdmin,
    );
    expect(noDept.status).toBe(400);
    expect(
      (
        await staff(
          {
            username: 'cs3',
            password: 'dept-staff-3',
            role: 'DEPARTMENT_STAFF',
            departmentCode: 'NOPE',
          },
          t.schoolAdmin,
        )
      ).status,
    ).toBe(400);
    expect(
      (await staff({ username: 'c0', password: 'counsellor-0', role: 'COUNSELLOR' }, t.schoolAdmin))
        .status,
    ).toBe(400);
    expect(
      (
        await staff(
          {
            username: 'co1',
            password: 'counsellor-1',
            role: 'COUNSELLOR',
            classNames: ['LAW2201'],
          },
          t.schoolAdmin,
        )
      ).status,
    ).toBe(201);
    t.counsellor = await login('co1', 'counsellor-1');
    expect(
      (
        await staff(
          { username: 'sa1', password: 'school-admin-1', role: 'SCHOOL_ADMIN' },
          t.schoolAdmin,
        )
      ).body.code,
    ).toBe('CONFLICT');
    // Wrong school, wrong roles.
    expect(
      (
        await staff(
          { username: 'xx1', password: 'whatever-1', role: 'SCHOOL_ADMIN' },
          t.otherSchoolAdmin,
        )
      ).status,
    ).toBe(403);
    expect(
      (await staff({ username: 'xx2', password: 'whatever-2', role: 'SCHOOL_ADMIN' }, t.deptStaff))
        .status,
    ).toBe(403);
    expect(
      (await p.http('POST', '/api/schools', { token: t.schoolAdmin, body: school })).status,
    ).toBe(403);
  });

  it('lists the school directory with departments to anyone signed in; an unknown school is 404', async () => {
    expect((await p.http('GET', '/api/schools')).status).toBe(401);
    const directory = await p.http('GET', '/api/schools', { token: t.deptStaff });
    expect(directory.status).toBe(200);
    const codes = (directory.body.items as Array<{ code: string }>).map((s) => s.code);
    expect(codes).toEqual([...codes].sort());
    expect(directory.body.items).toEqual(
      expect.arrayContaining([
        {
          code: '10357',
          name: '安徽大学',
          departments: [
            { code: 'CS', name: '计算机学院' },
            { code: 'LAW', name: '法学院' },
          ],
        },
        { code: '10358', name: '安徽大学', departments: [] },
      ]),
    );
    const one = await p.http('GET', '/api/schools/10357', { token: t.otherSchoolAdmin });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(
      directory.body.items.find((s: { code: string }) => s.code === '10357'),
    );
    const unknown = await p.http('GET', '/api/schools/99999', { token: t.deptStaff });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND', message: '学校不存在' });
  });

  it('registers employers with a validated unified social credit code', async () => {
    const employer = {
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
    };
    const bad = await p.http('POST', '/api/employers', {
      body: { ...employer, creditCode: '91350100M000100Y44' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: { fields: [{ field: 'creditCode', problem: 'CHECK_CHARACTER' }] },
    });
    const created = await p.http('POST', '/api/employers', { body: employer });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      employerId: expect.any(String),
      creditCode: '91350100M000100Y43',
    });
    expect(
      (await p.http('POST', '/api/employers', { body: { ...employer, username: 'hr-2' } })).body
        .code,
    ).toBe('CONFLICT');
    t.employer = await login('hr-acme', 'employer-pass-1');
    t.employerId = created.body.employerId;
    const me = await p.http('GET', '/api/me', { token: t.employer });
    expect(me.body).toMatchObject({ role: 'EMPLOYER', employer: { name: '示例科技有限公司' } });
  });

  it('imports JSON rosters, reporting each invalid row and upserting the rest', async () => {
    const graduates = [
      graduate(1),
      graduate(2),
      graduate(3, { departmentCode: 'LAW', className: 'LAW2201' }),
      graduate(4, { idNumber: idNumber(4).slice(0, 17) + (idNumber(4).endsWith('1') ? '2' : '1') }),
      graduate(5, { departmentCode: 'MED' }),
      graduate(1, { name: '重复' }),
      graduate(6, { name: '' }),
    ];
    const res = await p.http('POST', '/api/schools/10357/roster', {
      token: t.schoolAdmin,
      body: { graduates },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0 });
    expect(res.body.rejected).toEqual([
      { row: 4, code: 'INVALID_ID_NUMBER', message: '身份证号校验位错误' },
      { row: 5, code: 'UNKNOWN_DEPARTMENT', message: expect.any(String) },
      { row: 6, code: 'DUPLICATE_IN_FILE', message: expect.stringContaining('第 1 行') },
      { row: 7, code: 'MISSING_FIELD', message: expect.stringContaining('name') },
    ]);
    expect(JSON.stringify(res.body)).not.toContain(idNumber(4).slice(6, 14));
    const again = await p.http('POST', '/api/schools/10357/roster', {
      token: t.schoolAdmin,
      body: { graduates: graduates.slice(0, 3) },
    });
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    for (const token of [t.deptStaff, t.counsellor, t.employer, t.otherSchoolAdmin]) {
      expect(
        (await p.http('POST', '/api/schools/10357/roster', { token, body: { graduates } })).status,
      ).toBe(403);
    }
  });

  it('imports CSV and XLSX files, refuses malformed files whole and non-roster files by content', async () => {
    const csv = [HEADER, row(2, 'CS', 'CS2202'), row(7), row(8, 'LAW', 'LAW2201')].join('\n');
    const res = await upload(t.schoolAdmin, 'roster.csv', csv);
    expect(res.body).toEqual({ created: 2, updated: 1, unchanged: 0, rejected: [] });
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('生源');
    sheet.addRow([
      '学号',
      '姓名',
      '性别',
      '身份证号',
      '院系代码',
      '专业',
      '学历',
      '班级',
      '生源地',
      '毕业年份',
    ]);
    sheet.addRow([
      'S9',
      '学生9',
      '女',
      idNumber(9),
      'CS',
      '软件工程',
      '本科',
      'CS2201',
      '安徽合肥',
      2026,
    ]);
    sheet.addRow([
      'S10',
      '学生10',
      '男',
      '110105194912310021',
      'CS',
      '软件工程',
      '本科',
      'CS2201',
      '安徽合肥',
      2026,
    ]);
    const xlsx = await upload(
      t.schoolAdmin,
      'roster.xlsx',
      Buffer.from(await book.xlsx.writeBuffer()),
    );
    expect(xlsx.body).toMatchObject({
      created: 1,
      rejected: [{ row: 2, code: 'INVALID_ID_NUMBER' }],
    });

    const before = (await p.http('GET', '/api/schools/10357/graduates', { token: t.schoolAdmin }))
      .body.total;
    const missingColumn = await upload(t.schoolAdmin, 'bad.csv', `studentNo,name\nS11,学生11`);
    expect(missingColumn.status).toBe(400);
    expect(missingColumn.body.code).toBe('VALIDATION_FAILED');
    const unbalanced = await upload(t.schoolAdmin, 'bad.csv', `${HEADER}\n${row(12)}\n"S13,broken`);
    expect(unbalanced.status).toBe(400);
    expect(
      (await upload(t.schoolAdmin, 'x.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))
        .status,
    ).toBe(400);
    const pdf = await upload(t.schoolAdmin, 'roster.pdf', Buffer.from('%PDF-1.7\n\u0000binary'));
    expect(pdf.status).toBe(415);
    expect(pdf.body.code).toBe('UNSUPPORTED_FILE_TYPE');
    expect(
      (await p.http('GET', '/api/schools/10357/graduates', { token: t.schoolAdmin })).body.total,
    ).toBe(before);
  });

  it('imports a roster larger than one bus message (sent in parts)', async () => {
    const rows = Array.from({ length: 6_000 }, (_, i) =>
      row(1_000 + i, i % 2 ? 'CS' : 'LAW', `C${i % 40}`),
    );
    const res = await upload(t.schoolAdmin, 'big.csv', [HEADER, ...rows].join('\n'));
    expect(res.body).toMatchObject({ created: 6_000, rejected: [] });
    expect(res.status).toBe(200);
  }, 60_000);

  it('lists graduates within each staff scope, paged, ID numbers masked', async () => {
    // The imports' roster events reached signing (its projection of the roster) without a sweep.
    const signingDb = p.services.get('signing')!.dataSource;
    await waitFor(
      async () =>
        Number((await signingDb.query(`SELECT count(*) AS n FROM graduates`))[0].n) === 6_006,
      {
        what: 'roster events of the bulk import consumed by signing',
        timeoutMs: 30_000,
      },
    );
    const all = await p.http('GET', '/api/schools/10357/graduates?pageSize=5', {
      token: t.schoolAdmin,
    });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(6_006);
    expect(all.body.items).toHaveLength(5);
    for (const g of all.body.items) expect(g.idNumberMasked).toMatch(/^340104\*{8}\d{3}[\dX]$/);
    const cs = await p.http('GET', '/api/schools/10357/graduates?pageSize=200', {
      token: t.deptStaff,
    });
    expect(cs.body.total).toBe(3_004);
    expect(cs.body.items.every((g: any) => g.departmentCode === 'CS')).toBe(true);
    const counsellor = await p.http('GET', '/api/schools/10357/graduates', { token: t.counsellor });
    expect(counsellor.body.items.map((g: any) => g.studentNo).sort()).toEqual(['S3', 'S8']);
    const one = await p.http('GET', '/api/schools/10357/graduates?q=S2', { token: t.admin });
    expect(one.body.items).toMatchObject([{ studentNo: 'S2', className: 'CS2202' }]);
    expect(
      (await p.http('GET', '/api/schools/10357/graduates', { token: t.otherSchoolAdmin })).status,
    ).toBe(403);
    expect(
      (await p.http('GET', '/api/schools/10357/graduates', { token: t.employer })).status,
    ).toBe(403);
    expect(
      (await p.http('GET', '/api/schools/10357/graduates?pageSize=500', { token: t.schoolAdmin }))
        .status,
    ).toBe(400);
    t.graduate1 = (
      await p.http('GET', '/api/schools/10357/graduates?q=S1', { token: t.admin })
    ).body.items[0].graduateId;
    const assigned = await p.http('POST', '/api/schools/10357/staff', {
      token: t.schoolAdmin,
      body: {
        username: 'co2',
        password: 'counsellor-2',
        role: 'COUNSELLOR',
        graduateIds: [t.graduate1],
      },
    });
    expect(assigned.body).toMatchObject({
      role: 'COUNSELLOR',
      graduateIds: [t.graduate1],
      classNames: [],
    });
    const co2 = await login('co2', 'counsellor-2');
    expect(
      (await p.http('GET', '/api/schools/10357/graduates', { token: co2 })).body,
    ).toMatchObject({ total: 1, items: [{ studentNo: 'S1' }] });
    const co2Principal = {
      userId: assigned.body.userId,
      role: 'COUNSELLOR' as const,
      schoolCode: '10357',
    };
    expect(
      await bus.request(graduateInScope, { graduateId: t.graduate1! }, ctx(co2Principal)),
    ).toEqual({ inScope: true });
    const s3 = (await p.http('GET', '/api/schools/10357/graduates?q=S3', { token: t.admin })).body
      .items[0].graduateId;
    expect(await bus.request(graduateInScope, { graduateId: s3 }, ctx(co2Principal))).toEqual({
      inScope: false,
    });
    await expect(
      bus.request(graduateGet, { graduateId: s3 }, ctx(co2Principal)),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await bus.request(
        graduateGet,
        { graduateId: s3 },
        ctx({ userId: 'signing', role: 'SERVICE' }),
      ),
    ).toMatchObject({ studentNo: 'S3' });
  });

  it('answers other services: exact roster match, and the full ID only to printing and dispatch-sync (audited)', async () => {
    const employer: Principal = { userId: 'u', role: 'EMPLOYER', employerId: t.employerId! };
    const match = await bus.request(
      rosterMatch,
      { schoolCode: '10357', name: '学生1', studentNo: 'S1', idNumber: idNumber(1) },
      ctx(employer),
    );
    expect(match).toMatchObject({
      graduateId: t.graduate1,
      idNumberMasked: maskedIdNumber(idNumber(1)),
    });
    await expect(
      bus.request(
        rosterMatch,
        { schoolCode: '10357', name: '学生2', studentNo: 'S1', idNumber: idNumber(1) },
        ctx(employer),
      ),
    ).rejects.toMatchObject({ code: 'ROSTER_MISMATCH' });
    const printing: Principal = { userId: 'printing', role: 'SERVICE' };
    expect(
      await bus.request(
        graduateIdNumber,
        { graduateId: t.graduate1!, purpose: 'PRINT' },
        ctx(printing),
      ),
    ).toEqual({ idNumber: idNumber(1) });
    await expect(
      bus.request(
        graduateIdNumber,
        { graduateId: t.graduate1!, purpose: 'PRINT' },
        ctx({ userId: 'recruiting', role: 'SERVICE' }),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      bus.request(
        graduateIdNumber,
        { graduateId: t.graduate1!, purpose: 'DISPATCH' },
        ctx({ userId: 'x', role: 'PROVINCE_ADMIN' }),
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const db = new pg.Client({ connectionString: p.env.databaseUrl });
    await db.connect();
    const audit = await db.query(
      `SELECT actor_user_id FROM identity.audit_log WHERE action = 'ID_NUMBER_READ'`,
    );
    await db.end();
    expect(audit.rows).toEqual([{ actor_user_id: 'printing' }]);
  });

  it('keeps no plaintext ID number anywhere in the database (pg_dump and every text column)', async () => {
    const ids = [1, 2, 3, 7, 8, 9, 1_000, 6_999].map(idNumber);
    const dump = execFileSync('pg_dump', ['--data-only', '--schema=identity', p.env.databaseUrl], {
      maxBuffer: 512 * 1024 * 1024,
    }).toString();
    expect(dump).toContain('graduates');
    for (const id of ids) {
      expect(dump.includes(id)).toBe(false);
      expect(dump.includes(id.slice(0, 14))).toBe(false);
    }
    const db = new pg.Client({ connectionString: p.env.databaseUrl });
    await db.connect();
    const columns = await db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'identity' AND data_type IN ('text', 'jsonb', 'character varying', 'bytea', 'ARRAY')`,
    );
    for (const { table_name, column_name } of columns.rows) {
      const hits = await db.query(
        `SELECT count(*)::int AS n FROM identity."${table_name}" WHERE "${column_name}"::text LIKE ANY($1)`,
        [ids.map((id) => `%${id}%`)],
      );
      expect({ table_name, column_name, n: hits.rows[0].n }).toEqual({
        table_name,
        column_name,
        n: 0,
      });
    }
    await db.end();
  });

  it('refuses every role a route does not name with 403 FORBIDDEN', async () => {
    const roles = [
      'GRADUATE',
      'EMPLOYER',
      'DEPARTMENT_STAFF',
      'COUNSELLOR',
      'SCHOOL_ADMIN',
      'PROVINCE_ADMIN',
      'WECHAT_UNBOUND',
    ] as const;
    const tokens = Object.fromEntries(
      await Promise.all(
        roles.map(async (role) => [
          role,
          await issueToken(p, {
            userId: `u-${role}`,
            role,
            schoolCode: '10357',
            departmentCode: 'CS',
            graduateId: t.graduate1!,
            employerId: t.employerId!,
            openId: 'o',
          }),
        ]),
      ),
    ) as Record<(typeof roles)[number], string>;
    const uuid = '00000000-0000-4000-8000-000000000001';
    const routes: Array<[string, string, string[]]> = [
      ['POST', '/api/schools', ['PROVINCE_ADMIN']],
      ['POST', '/api/schools/10357/staff', ['SCHOOL_ADMIN', 'PROVINCE_ADMIN']],
      ['POST', '/api/schools/10357/roster', ['SCHOOL_ADMIN', 'PROVINCE_ADMIN']],
      [
        'GET',
        '/api/schools/10357/graduates',
        ['SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR', 'PROVINCE_ADMIN'],
      ],
      [
        'DELETE',
        `/api/schools/10357/graduates/${uuid}/wechat-binding`,
        ['SCHOOL_ADMIN', 'PROVINCE_ADMIN'],
      ],
      ['GET', '/api/schools/10357/source-info-corrections', ['SCHOOL_ADMIN', 'PROVINCE_ADMIN']],
      [
        'POST',
        `/api/schools/10357/source-info-corrections/${uuid}/decision`,
        ['SCHOOL_ADMIN', 'PROVINCE_ADMIN'],
      ],
      ['POST', '/api/me/source-info/confirmation', ['GRADUATE']],
      ['POST', '/api/me/source-info/corrections', ['GRADUATE']],
      ['POST', '/api/auth/wechat/bind', ['WECHAT_UNBOUND']],
    ];
    for (const [method, path, allowed] of routes) {
      for (const role of roles.filter((r) => !allowed.includes(r))) {
        const body =
          method === 'GET' || method === 'DELETE' ? undefined : { studentNo: `${role}-${path}` };
        const res = await p.http(method, path, { token: tokens[role], body });
        expect({ method, path, role, status: res.status, code: res.body?.code }).toEqual({
          method,
          path,
          role,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
    }
  });

  it('issues tokens only identity can sign: a token for another role is refused where it does not belong', async () => {
    const graduateToken = await issueToken(p, {
      userId: 'g',
      role: 'GRADUATE',
      graduateId: t.graduate1!,
      openId: 'nobody',
    });
    expect((await p.http('POST', '/api/schools', { token: graduateToken, body: {} })).status).toBe(
      403,
    );
    expect((await p.http('GET', '/api/me', { token: `${t.admin}x` })).status).toBe(401);
  });
});
