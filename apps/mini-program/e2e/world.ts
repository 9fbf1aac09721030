import { expect as baseExpect, type Page } from '@playwright/test';
import { adminToken, api, apiOk, login } from '../../../tools/browser-e2e/api.js';
import { screenshotDir } from '../../../tools/browser-e2e/screenshots.js';

/**
 * What the mini-program's flows need, arranged through the real API: a school of its own per test
 * (tests run side by side on one system), a roster, a department staff member, a counsellor for
 * the class, an employer with a position. The graduate then uses the H5 build at /m/.
 */
/** Page expectations wait longer: the whole system and Chromium share two cores with the other tests. */
export const expect = baseExpect.configure({ timeout: 30_000 });

/** Where the screenshots go (docs/mini-program with `npm run screenshots`). */
export const SCREENSHOTS = screenshotDir('mini-program');

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idNumber(first17: string): string {
  const sum = ID_WEIGHTS.reduce((s, w, i) => s + w * Number(first17[i]), 0);
  return first17 + '10X98765432'[sum % 11];
}

const CC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
export function creditCode(n: number): string {
  const body8 = `MA${String(n).padStart(6, '0')}`;
  let org = 0;
  for (let i = 0; i < 8; i++)
    org += (/\d/.test(body8[i]!) ? Number(body8[i]) : body8.charCodeAt(i) - 55) * ORG_WEIGHTS[i]!;
  const oc = 11 - (org % 11);
  const first17 = `91340100${body8}${oc === 10 ? 'X' : oc === 11 ? '0' : String(oc)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC.indexOf(first17[i]!) * CC_WEIGHTS[i]!;
  return first17 + CC[(31 - (sum % 31)) % 31];
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

export interface Student {
  studentNo: string;
  name: string;
  idNumber: string;
  openid: string;
}

export interface World {
  schoolCode: string;
  students: Student[];
  departmentToken: string;
  counsellorToken: string;
  employerToken: string;
  positionId: string;
  positionTitle: string;
}

const unique = () => `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;

export async function createWorld(label: string, count = 1): Promise<World> {
  const admin = await adminToken();
  const tag = unique();
  const schoolCode = `9${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  await apiOk('POST', '/schools', {
    token: admin,
    body: {
      code: schoolCode,
      name: '江淮理工大学',
      departments: [{ code: 'CS', name: '计算机学院' }],
    },
  });
  const n = Math.floor(Math.random() * 9e5);
  const students: Student[] = Array.from({ length: count }, (_, i) => ({
    studentNo: `${label}${i + 1}`,
    name: ['李明', '王芳', '张伟'][i % 3]!,
    idNumber: idNumber(
      `34010420030${(i % 9) + 1}1${String((n + i) % 1000).padStart(3, '0')}${String(i % 10)}`.slice(
        0,
        17,
      ),
    ),
    openid: `mp-${label}-${i}-${tag}`,
  }));
  const roster = students.map((s, i) => ({
    studentNo: s.studentNo,
    name: s.name,
    gender: i % 2 ? '女' : '男',
    idNumber: s.idNumber,
    departmentCode: 'CS',
    major: '软件工程',
    degree: '本科',
    className: 'CS2201',
    originPlace: '安徽合肥',
    graduationYear: 2026,
  }));
  const imported = await apiOk<{ rejected: unknown[] }>('POST', `/schools/${schoolCode}/roster`, {
    token: admin,
    body: { graduates: roster },
  });
  expect(imported.rejected).toEqual([]);
  const staff = async (role: string, extra: object) => {
    const username = `${role.toLowerCase().slice(0, 4)}-${tag}`;
    const password = `pass-${tag}-word`;
    await apiOk('POST', `/schools/${schoolCode}/staff`, {
      token: admin,
      body: { username, password, role, ...extra },
    });
    return login(username, password);
  };
  const departmentToken = await staff('DEPARTMENT_STAFF', { departmentCode: 'CS' });
  const counsellorToken = await staff('COUNSELLOR', { classNames: ['CS2201'] });
  const username = `hr-${tag}`;
  const password = `employer-${tag}`;
  await apiOk('POST', '/employers', {
    body: {
      creditCode: creditCode(Math.floor(Math.random() * 999_999)),
      name: `合肥星辰科技有限公司`,
      nature: '其他企业',
      industry: '信息技术',
      address: '合肥市高新区',
      hasHiringAutonomy: true,
      contactName: '王晓丽',
      contactPhone: '0551-65551234',
      username,
      password,
    },
  });
  const employerToken = await login(username, password);
  const positionTitle = `后端开发工程师-${label}-${tag.slice(-4)}`;
  const position = await apiOk<{ id: string }>('POST', '/positions', {
    token: employerToken,
    body: {
      title: positionTitle,
      location: '合肥',
      headcount: 5,
      salaryRange: '8k-12k',
      description: 'Node.js 服务端开发',
    },
  });
  return {
    schoolCode,
    students,
    departmentToken,
    counsellorToken,
    employerToken,
    positionId: position.id,
    positionTitle,
  };
}

/** Retries an arranging step the system completes asynchronously (events between services). */
export async function eventually<T>(
  step: () => Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await step();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Opens 登录与绑定 as the student's WeChat identity and binds through the form. */
export async function bindThroughForm(page: Page, world: World, s: Student): Promise<void> {
  await page.goto(`/m/pages/login/index?openid=${s.openid}`);
  await expect(page.getByText('绑定学籍信息', { exact: true })).toBeVisible();
  await fillBindForm(page, world.schoolCode, s.name, s.studentNo, s.idNumber);
  await page.getByText('绑定', { exact: true }).click();
  await expect(page.getByText(`${s.name}，你好`)).toBeVisible();
}

export async function fillBindForm(
  page: Page,
  schoolCode: string,
  name: string,
  studentNo: string,
  id: string,
): Promise<void> {
  // The school picker: type the code (or a part of the name), pick the school from the matches.
  await page.getByRole('textbox', { name: '学校', exact: true }).fill(schoolCode);
  await page.getByRole('option', { name: new RegExp(`（${schoolCode}）$`) }).click();
  await page.getByRole('textbox', { name: '姓名' }).fill(name);
  await page.getByRole('textbox', { name: '学号' }).fill(studentNo);
  await page.getByRole('textbox', { name: '身份证号' }).fill(id);
}

export { api, apiOk };
