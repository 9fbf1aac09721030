import {
  creditCodeCheckChar,
  organisationCodeCheckChar,
} from '../apps/identity/src/modules/accounts/domain/credit-code.js';
import { idNumberCheckChar } from '../apps/identity/src/modules/roster/domain/id-number.js';
import type { Answer, GatewayClient } from './client.js';

/**
 * What the load works on, created through the gateway as people would: one school with two
 * departments, their reviewers (department staff) and counsellors, a roster (rare-character names
 * included), and employers with and without hiring autonomy, each with a position and a
 * qualification document.
 */
export const SCHOOL = '10357';
export const DEPARTMENTS = ['CS', 'LAW'] as const;
const NAMES = ['张伟', '王芳', '李𠮷', '赵䶮', '陈喆', '刘堃', '欧阳娜娜', '孙悦'];
export const ADMIN_PASSWORD = 'chaos-admin-password';

export interface Employer {
  index: number;
  token: string;
  positionId: string;
}

export interface World {
  admin: string;
  schoolAdmin: string;
  reviewer: Record<string, string>;
  counsellor: Record<string, string>;
  employers: Employer[];
  graduates: number;
  /** Every full ID number this run created (the personal-data sweep looks for each). */
  idNumbers: string[];
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

/** Unique for i < 3,650,000: a birth date per thousand, a sequence within it. */
export function idNumber(i: number): string {
  const born = new Date(Date.UTC(2002, 0, 1) + Math.floor(i / 1000) * 86_400_000);
  const ymd = born.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `340104${ymd}${String(i % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function creditCode(n: number): string {
  const body8 = `MC${String(n).padStart(6, '0')}`;
  const first17 = `91340100${body8}${organisationCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

export const departmentOf = (i: number) => DEPARTMENTS[i % DEPARTMENTS.length]!;

export const identityOf = (i: number) => ({
  schoolCode: SCHOOL,
  name: NAMES[i % NAMES.length]!,
  studentNo: `C${i}`,
  idNumber: idNumber(i),
});

export function ok(answer: Answer, what: string): any {
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

export async function createWorld(
  client: GatewayClient,
  graduates: number,
  employers = 4,
): Promise<World> {
  const call = client.call.bind(client);
  const admin = ok(
    await call('POST', '/api/auth/login', {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    }),
    'admin login',
  ).accessToken as string;
  ok(
    await call('POST', '/api/schools', {
      token: admin,
      body: {
        code: SCHOOL,
        name: '安徽大学',
        departments: [
          { code: 'CS', name: '计算机学院' },
          { code: 'LAW', name: '法学院' },
        ],
      },
    }),
    'school',
  );
  const login = async (username: string, password: string) =>
    ok(await call('POST', '/api/auth/login', { body: { username, password } }), `login ${username}`)
      .accessToken as string;
  const staff = async (username: string, role: string, extra: Record<string, unknown>) => {
    ok(
      await call('POST', `/api/schools/${SCHOOL}/staff`, {
        token: admin,
        body: { username, password: `${username}-password`, role, ...extra },
      }),
      `staff ${username}`,
    );
    return login(username, `${username}-password`);
  };
  const schoolAdmin = await staff('chaos-school-admin', 'SCHOOL_ADMIN', {});
  const reviewer: Record<string, string> = {};
  const counsellor: Record<string, string> = {};
  for (const d of DEPARTMENTS) {
    reviewer[d] = await staff(`chaos-reviewer-${d.toLowerCase()}`, 'DEPARTMENT_STAFF', {
      departmentCode: d,
    });
    counsellor[d] = await staff(`chaos-counsellor-${d.toLowerCase()}`, 'COUNSELLOR', {
      departmentCode: d,
      classNames: [`${d}2201`],
    });
  }
  const idNumbers: string[] = [];
  const roster = [];
  for (let i = 1; i <= graduates; i++) {
    const id = identityOf(i);
    idNumbers.push(id.idNumber);
    const d = departmentOf(i);
    roster.push({
      studentNo: id.studentNo,
      name: id.name,
      gender: i % 2 ? '男' : '女',
      idNumber: id.idNumber,
      departmentCode: d,
      major: d === 'CS' ? '软件工程' : '法学',
      degree: '本科',
      className: `${d}2201`,
      originPlace: '安徽合肥',
      graduationYear: 2026,
    });
  }
  for (let k = 0; k < roster.length; k += 500) {
    const res = ok(
      await call('POST', `/api/schools/${SCHOOL}/roster`, {
        token: schoolAdmin,
        body: { graduates: roster.slice(k, k + 500) },
      }),
      'roster',
    );
    if (res.rejected?.length)
      throw new Error(`roster rejected ${JSON.stringify(res.rejected.slice(0, 3))}`);
  }
  const list: Employer[] = [];
  for (let n = 1; n <= employers; n++) {
    const username = `chaos-hr-${n}`;
    ok(
      await call('POST', '/api/employers', {
        body: {
          creditCode: creditCode(n),
          name: `合肥星辰${n}号信息技术有限公司`,
          nature: '其他企业',
          industry: '信息技术',
          address: '合肥市高新区',
          hasHiringAutonomy: n % 2 === 1,
          contactName: '王晓丽',
          contactPhone: '0551-65551234',
          username,
          password: `${username}-password`,
        },
      }),
      `employer ${n}`,
    );
    const token = await login(username, `${username}-password`);
    const position = ok(
      await call('POST', '/api/positions', {
        token,
        body: {
          title: `后端开发工程师-${n}`,
          location: '合肥',
          headcount: 10_000,
          salaryRange: '8k-12k',
          description: 'Node.js',
        },
      }),
      'position',
    );
    ok(
      await call('POST', '/api/employer/qualification-documents', {
        token,
        form: () => {
          const form = new FormData();
          form.append('kind', 'BUSINESS_LICENSE');
          form.append(
            'file',
            new Blob([new Uint8Array(Buffer.from(`%PDF-1.4\n% business licence ${n}\n%%EOF\n`))], {
              type: 'application/pdf',
            }),
            '营业执照.pdf',
          );
          return form;
        },
      }),
      'qualification document',
    );
    list.push({ index: n, token, positionId: position.id as string });
  }
  return { admin, schoolAdmin, reviewer, counsellor, employers: list, graduates, idNumbers };
}
