import { randomBytes, randomInt } from 'node:crypto';
import { adminToken, api, apiOk, login } from '../../../../tools/browser-e2e/api.js';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  organisationCodeCheckChar,
} from '../../../../libs/contracts/src/identifiers.js';

/**
 * Data the portal's browser tests arrange through the real API (never in the page under test):
 * a school of their own with a department, its admin, department staff and a counsellor, roster
 * records, graduates bound through the WeChat fake, employers.
 */
export function uniqueIdNumber(): string {
  const first17 = `340104200${randomInt(0, 4)}${String(randomInt(1, 13)).padStart(2, '0')}${String(randomInt(1, 29)).padStart(2, '0')}${String(randomInt(0, 1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function uniqueCreditCode(): string {
  const body8 = `MA${String(randomInt(0, 1_000_000)).padStart(6, '0')}`;
  const first17 = `91340100${body8}${organisationCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

export const TERMS = {
  workLocation: '安徽省合肥市',
  monthlySalary: 9500,
  probationMonths: 3,
  contractYears: 3,
  archiveTransferAddress: '合肥市人才服务中心',
  hukouTransferAddress: '合肥市公安局高新分局户政科',
  otherTerms: '五险一金',
  superiorAuthority: 'EMPLOYMENT_PLACE_TALENT_SERVICE',
};

export interface RosterPerson {
  studentNo: string;
  name: string;
  idNumber: string;
}

export interface School {
  code: string;
  name: string;
  adminToken: string;
  staffToken: string;
  counsellor: { username: string; password: string };
  people: RosterPerson[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
const GIVEN = ['明', '芳', '伟', '娜', '强', '敏', '静', '磊', '洋', '艳'];

/** A school with department CS, its admin and department staff, and `count` roster records. */
export async function arrangeSchool(count: number): Promise<School> {
  const admin = await adminToken();
  const code = String(randomInt(20000, 99999));
  const name = `皖江大学${code}`;
  await apiOk('POST', '/schools', {
    token: admin,
    body: { code, name, departments: [{ code: 'CS', name: '计算机学院' }] },
  });
  const tag = randomBytes(3).toString('hex');
  const password = `pw-${tag}-school`;
  await apiOk('POST', `/schools/${code}/staff`, {
    token: admin,
    body: { username: `sa-${tag}`, password, role: 'SCHOOL_ADMIN' },
  });
  await apiOk('POST', `/schools/${code}/staff`, {
    token: admin,
    body: { username: `ds-${tag}`, password, role: 'DEPARTMENT_STAFF', departmentCode: 'CS' },
  });
  const people = Array.from({ length: count }, (_, i) => ({
    studentNo: `${code}${String(i + 1).padStart(4, '0')}`,
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[randomInt(0, GIVEN.length)]}${GIVEN[randomInt(0, GIVEN.length)]}`,
    idNumber: uniqueIdNumber(),
  }));
  const adminSession = await login(`sa-${tag}`, password);
  const roster = await apiOk<{ rejected: unknown[] }>('POST', `/schools/${code}/roster`, {
    token: adminSession,
    body: {
      graduates: people.map((p, i) => ({
        ...p,
        gender: i % 2 ? '女' : '男',
        departmentCode: 'CS',
        major: '软件工程',
        degree: '本科',
        className: 'CS2201',
        originPlace: '安徽合肥',
        graduationYear: 2026,
      })),
    },
  });
  if (roster.rejected.length)
    throw new Error(`roster rejected: ${JSON.stringify(roster.rejected)}`);
  const counsellor = { username: `co-${tag}`, password };
  // The counsellor of class CS2201 (assigned by class, as identity scopes counsellors).
  await apiOk('POST', `/schools/${code}/staff`, {
    token: admin,
    body: { ...counsellor, role: 'COUNSELLOR', classNames: ['CS2201'] },
  });
  return {
    code,
    name,
    adminToken: adminSession,
    staffToken: await login(`ds-${tag}`, password),
    counsellor,
    people,
  };
}

/** Binds a roster person through the WeChat fake (code `code-<openid>`) and confirms the source info. */
export async function bindGraduate(
  school: School,
  person: RosterPerson,
): Promise<{ token: string; graduateId: string }> {
  const openId = `og-${randomBytes(6).toString('hex')}`;
  const { accessToken } = await apiOk<{ accessToken: string }>('POST', '/auth/wechat/login', {
    body: { code: `code-${openId}` },
  });
  const bound = await apiOk<{ accessToken: string; graduate: { graduateId: string } }>(
    'POST',
    '/auth/wechat/bind',
    {
      token: accessToken,
      body: {
        schoolCode: school.code,
        name: person.name,
        studentNo: person.studentNo,
        idNumber: person.idNumber,
      },
    },
  );
  await apiOk('POST', '/me/source-info/confirmation', { token: bound.accessToken });
  return { token: bound.accessToken, graduateId: bound.graduate.graduateId };
}

export interface EmployerAccount {
  username: string;
  password: string;
  name: string;
  token: string;
  positionId: string;
}

/** An employer registered and with one open position, through the API. */
export async function arrangeEmployer(hasHiringAutonomy = true): Promise<EmployerAccount> {
  const tag = randomBytes(3).toString('hex');
  const username = `hr-${tag}`;
  const password = `pw-${tag}-employer`;
  const name = `合肥星辰${tag}科技有限公司`;
  await apiOk('POST', '/employers', {
    body: {
      creditCode: uniqueCreditCode(),
      name,
      nature: '民营企业',
      industry: '信息技术',
      address: '合肥市高新区望江西路 800 号',
      hasHiringAutonomy,
      contactName: '王晓丽',
      contactPhone: '0551-65551234',
      username,
      password,
    },
  });
  const token = await login(username, password);
  const position = await apiOk<{ id: string }>('POST', '/positions', {
    token,
    body: {
      title: '后端开发工程师',
      location: '安徽省合肥市',
      headcount: 3,
      salaryRange: '8k-12k',
      description: 'Node.js 与 PostgreSQL',
    },
  });
  return { username, password, name, token, positionId: position.id };
}

/** Waits until `check` answers true (the system works through events: a moment behind). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

export { api, apiOk, login };
