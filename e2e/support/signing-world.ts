import { startWechatFake, type WechatFake } from '../../apps/wechat-fake/src/wechat-fake.js';
import {
  creditCodeCheckChar,
  organisationCodeCheckChar,
} from '../../apps/identity/src/modules/accounts/domain/credit-code.js';
import { idNumberCheckChar } from '../../apps/identity/src/modules/roster/domain/id-number.js';
import { startPlatform, type Platform } from './platform.js';
import type { DestinationStream } from 'pino';
import { issueToken } from './tokens.js';

/**
 * The world signing tests need, built through identity's real HTTP API (no stand-in): a school
 * with two departments, a roster, employers (with and without hiring autonomy) that log in, and
 * graduates bound through the WeChat fake, optionally with confirmed source info.
 */
export const SCHOOL = '10357';

export function idNumber(n: number): string {
  const first17 = `3401042003${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function creditCode(n: number): string {
  const body8 = `MA${String(n).padStart(6, '0')}`;
  const first17 = `91340100${body8}${organisationCodeCheckChar(body8)}`;
  return first17 + creditCodeCheckChar(first17);
}

export const rosterRecord = (i: number, departmentCode = 'CS') => ({
  studentNo: `S${i}`,
  name: `学生${i}`,
  gender: i % 2 ? '男' : '女',
  idNumber: idNumber(i),
  departmentCode,
  major: '软件工程',
  degree: '本科',
  className: `${departmentCode}2201`,
  originPlace: '安徽合肥',
  graduationYear: 2026,
});

export interface Employer {
  employerId: string;
  token: string;
  positionId: string;
}

export interface Graduate {
  index: number;
  graduateId: string;
  token: string;
  identity: { schoolCode: string; name: string; studentNo: string; idNumber: string };
}

export interface SigningWorld {
  p: Platform;
  wechat: WechatFake;
  admin: string;
  schoolAdmin: string;
  close(): Promise<void>;
  /** `codes`: standard codes to register with (docs/standard-codes.md); none by default. */
  employer(
    n: number,
    hasHiringAutonomy: boolean,
    codes?: { natureCode?: string; industryCode?: string; regionCode?: string },
  ): Promise<Employer>;
  graduate(i: number, options?: { confirm?: boolean }): Promise<Graduate>;
  ok<T = any>(res: { status: number; body: any }, status?: number): T;
}

export async function startSigningWorld(
  label: string,
  graduates: number,
  vars: Record<string, string> = {},
  gateway: { gatewayVars?: Record<string, string>; gatewayLog?: DestinationStream } = {},
): Promise<SigningWorld> {
  const wechat = await startWechatFake();
  const p = await startPlatform(label, {
    vars: {
      WECHAT_API_BASE: wechat.url,
      WECHAT_APPID: 'wx-test',
      WECHAT_SECRET: 'wx-secret',
      ...vars,
    },
    ...gateway,
  });
  const ok = <T>(res: { status: number; body: any }, status?: number): T => {
    if ((status !== undefined && res.status !== status) || res.status >= 300) {
      throw new Error(`unexpected ${res.status}: ${JSON.stringify(res.body)}`);
    }
    return res.body as T;
  };
  const admin = await issueToken(p, { userId: 'admin', role: 'PROVINCE_ADMIN' });
  ok(
    await p.http('POST', '/api/schools', {
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
  );
  const schoolAdmin = await issueToken(p, {
    userId: 'sa',
    role: 'SCHOOL_ADMIN',
    schoolCode: SCHOOL,
  });
  const records = Array.from({ length: graduates }, (_, i) =>
    rosterRecord(i + 1, i % 5 === 4 ? 'LAW' : 'CS'),
  );
  for (let i = 0; i < records.length; i += 500) {
    const res = ok<{ rejected: unknown[] }>(
      await p.http('POST', `/api/schools/${SCHOOL}/roster`, {
        token: schoolAdmin,
        body: { graduates: records.slice(i, i + 500) },
      }),
    );
    if (res.rejected.length) throw new Error(`roster rejected ${JSON.stringify(res.rejected)}`);
  }
  return {
    p,
    wechat,
    admin,
    schoolAdmin,
    ok,
    async close() {
      await p.close();
      await wechat.close();
    },
    async employer(n, hasHiringAutonomy, codes = {}) {
      const username = `hr-${n}`;
      const password = `employer-pass-${n}`;
      const created = ok<{ employerId: string }>(
        await p.http('POST', '/api/employers', {
          body: {
            creditCode: creditCode(n),
            name: `合肥星辰${n}有限公司`,
            nature: '其他企业',
            industry: '信息技术',
            address: '合肥市高新区',
            hasHiringAutonomy,
            contactName: '王晓丽',
            contactPhone: '0551-65551234',
            username,
            password,
            ...codes,
          },
        }),
      );
      const token = ok<{ accessToken: string }>(
        await p.http('POST', '/api/auth/login', { body: { username, password } }),
      ).accessToken;
      const position = ok<{ id: string }>(
        await p.http('POST', '/api/positions', {
          token,
          body: {
            title: `后端开发工程师-${n}`,
            location: '合肥',
            headcount: 5,
            salaryRange: '8k-12k',
            description: 'Node.js',
          },
        }),
      );
      return { employerId: created.employerId, token, positionId: position.id };
    },
    async graduate(i, { confirm = true } = {}) {
      const r = rosterRecord(i);
      const login = ok<{ accessToken: string }>(
        await p.http('POST', '/api/auth/wechat/login', { body: { code: `code-og${i}` } }),
      );
      const identity = {
        schoolCode: SCHOOL,
        name: r.name,
        studentNo: r.studentNo,
        idNumber: r.idNumber,
      };
      const bound = ok<{ accessToken: string; graduate: { graduateId: string } }>(
        await p.http('POST', '/api/auth/wechat/bind', { token: login.accessToken, body: identity }),
      );
      if (confirm)
        ok(await p.http('POST', '/api/me/source-info/confirmation', { token: bound.accessToken }));
      return {
        index: i,
        graduateId: bound.graduate.graduateId,
        token: bound.accessToken,
        identity,
      };
    },
  };
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
