import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { adminToken, api, apiOk, apiUrl, login } from '../../../../tools/browser-e2e/api.js';

/**
 * Arranges the data the school- and province-side pages need through the real API: a school of
 * its own per test (tests run in parallel on one system), its staff of each role, a roster,
 * graduates bound through the WeChat fake, employers with qualification documents, agreements by
 * method 2, approvals and terminations with materials.
 */

/* ---- Check characters, so generated ID numbers and credit codes pass the API's validation. */

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function idNumber(seq: number): string {
  const first17 = `340104200${1 + (seq % 5)}${String(1 + (seq % 12)).padStart(2, '0')}${String(1 + (seq % 28)).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return first17 + '10X98765432'[sum % 11]!;
}

const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
export function creditCode(seq: number): string {
  const body8 = `MA${String(seq % 1_000_000).padStart(6, '0')}`;
  let org = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i]!;
    org += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * ORG_WEIGHTS[i]!;
  }
  const orgCheck = 11 - (org % 11);
  const first17 = `91340100${body8}${orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC_ALPHABET.indexOf(first17[i]!) * CC_WEIGHTS[i]!;
  return first17 + CC_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/* ---- A real PNG (a licence-like card) so the page has an image to show. */

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function licencePng(width = 320, height = 200): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const border = x < 8 || y < 8 || x >= width - 8 || y >= height - 8;
      const stripe = y > 40 && y < 60 && x > 30 && x < width - 30;
      const [r, g, b] = border ? [180, 30, 30] : stripe ? [60, 60, 60] : [250, 244, 228];
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A one-page PDF that a viewer renders: `text` (ASCII) on an A4 page, with a correct xref table. */
export function pdfBytes(text: string): Buffer {
  const content = `BT /F1 28 Tf 72 740 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objects = [
    '<</Type/Catalog/Pages 2 0 R>>',
    '<</Type/Pages/Kids[3 0 R]/Count 1>>',
    '<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 4 0 R>>>>/Contents 5 0 R>>',
    '<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>',
    `<</Length ${content.length}>>stream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets = objects.map((body, i) => {
    const at = out.length;
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
    return at;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const at of offsets) out += `${String(at).padStart(10, '0')} 00000 n \n`;
  out += `trailer<</Size ${objects.length + 1}/Root 1 0 R>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/* ---- Polling: events make their way between services; pages and arrangements wait for them. */

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function upload(path: string, token: string, form: FormData): Promise<any> {
  const res = await fetch(`${apiUrl()}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  const body = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`POST ${path} → ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/* ---- The world. */

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

export interface RosterRecord {
  studentNo: string;
  name: string;
  gender: string;
  idNumber: string;
  departmentCode: string;
  major: string;
  degree: string;
  className: string;
  originPlace: string;
  graduationYear: number;
}

export interface Staff {
  userId: string;
  username: string;
  password: string;
  token: string;
}

export interface Graduate {
  graduateId: string;
  token: string;
  record: RosterRecord;
}

export interface Employer {
  employerId: string;
  name: string;
  username: string;
  password: string;
  token: string;
  positionId: string;
}

const GIVEN = ['子涵', '浩然', '欣怡', '梓轩', '雨桐', '宇航', '思远', '佳琪', '俊杰', '诗雨'];
const FAMILY = ['张', '李', '王', '陈', '刘', '杨', '黄', '赵', '周', '吴'];
let sequence = Number.parseInt(randomBytes(3).toString('hex'), 16) % 400_000;

export class SchoolWorld {
  readonly tag = randomBytes(3).toString('hex');
  readonly code = `T${this.tag}`.toUpperCase();
  readonly name: string;
  readonly departments = [
    { code: 'CS', name: '计算机学院' },
    { code: 'LAW', name: '法学院' },
  ];
  private adminTokenCache?: string;
  schoolAdmin!: Staff;

  constructor(name?: string) {
    this.name = name ?? `安徽测试大学${this.tag}`;
  }

  async provinceToken(): Promise<string> {
    return (this.adminTokenCache ??= await adminToken());
  }

  /** Creates the school, its departments and its admin. */
  async create(): Promise<this> {
    await apiOk('POST', '/schools', {
      token: await this.provinceToken(),
      body: { code: this.code, name: this.name, departments: this.departments },
    });
    this.schoolAdmin = await this.staff('SCHOOL_ADMIN', {}, await this.provinceToken());
    return this;
  }

  async staff(
    role: 'SCHOOL_ADMIN' | 'DEPARTMENT_STAFF' | 'COUNSELLOR',
    scope: { departmentCode?: string; graduateIds?: string[]; classNames?: string[] } = {},
    asToken?: string,
  ): Promise<Staff> {
    const username = `${role.toLowerCase().replace('_', '-')}-${this.tag}-${sequence++}`;
    const password = `pass-${this.tag}-word`;
    const created = await apiOk<{ userId: string }>('POST', `/schools/${this.code}/staff`, {
      token: asToken ?? this.schoolAdmin.token,
      body: { username, password, role, ...scope },
    });
    return { userId: created.userId, username, password, token: await login(username, password) };
  }

  record(departmentCode = 'CS', overrides: Partial<RosterRecord> = {}): RosterRecord {
    const seq = sequence++;
    return {
      studentNo: `${this.tag}${String(seq).padStart(6, '0')}`,
      name: `${FAMILY[seq % 10]}${GIVEN[Math.floor(seq / 10) % 10]}`,
      gender: seq % 2 ? '男' : '女',
      idNumber: idNumber(seq),
      departmentCode,
      major: departmentCode === 'CS' ? '软件工程' : '法学',
      degree: '本科',
      className: `${departmentCode}2201`,
      originPlace: '安徽合肥',
      graduationYear: 2026,
      ...overrides,
    };
  }

  async importRoster(records: RosterRecord[]): Promise<void> {
    const result = await apiOk<{ rejected: unknown[] }>('POST', `/schools/${this.code}/roster`, {
      token: this.schoolAdmin.token,
      body: { graduates: records },
    });
    if (result.rejected.length)
      throw new Error(`roster rejected ${JSON.stringify(result.rejected)}`);
  }

  /** A roster record, bound to a WeChat account through the fake, source info confirmed. */
  async graduate(departmentCode = 'CS', overrides: Partial<RosterRecord> = {}): Promise<Graduate> {
    const record = this.record(departmentCode, overrides);
    await this.importRoster([record]);
    const { accessToken } = await apiOk<{ accessToken: string }>('POST', '/auth/wechat/login', {
      body: { code: `code-og${this.tag}${record.studentNo}` },
    });
    const bound = await apiOk<{ accessToken: string; graduate: { graduateId: string } }>(
      'POST',
      '/auth/wechat/bind',
      {
        token: accessToken,
        body: {
          schoolCode: this.code,
          name: record.name,
          studentNo: record.studentNo,
          idNumber: record.idNumber,
        },
      },
    );
    await apiOk('POST', '/me/source-info/confirmation', { token: bound.accessToken });
    return { graduateId: bound.graduate.graduateId, token: bound.accessToken, record };
  }

  /** An employer with a position and, unless told otherwise, a business licence (PNG) uploaded. */
  async employer(options: { licence?: boolean; name?: string } = {}): Promise<Employer> {
    const seq = sequence++;
    const username = `hr-${this.tag}-${seq}`;
    const password = `employer-pass-${seq}`;
    const name = options.name ?? `合肥星辰${seq}科技有限公司`;
    const created = await apiOk<{ employerId: string }>('POST', '/employers', {
      body: {
        creditCode: creditCode(seq),
        name,
        nature: '其他企业',
        industry: '信息技术',
        address: '合肥市高新区望江西路 800 号',
        hasHiringAutonomy: true,
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
        location: '合肥',
        headcount: 5,
        salaryRange: '8k-12k',
        description: 'Node.js 与 PostgreSQL',
      },
    });
    if (options.licence !== false) {
      const form = new FormData();
      form.append('kind', 'BUSINESS_LICENSE');
      form.append(
        'file',
        new Blob([new Uint8Array(licencePng())], { type: 'image/png' }),
        '营业执照.png',
      );
      await upload('/employer/qualification-documents', token, form);
    }
    return {
      employerId: created.employerId,
      name,
      username,
      password,
      token,
      positionId: position.id,
    };
  }

  /** Method 2: the employer signs the graduate directly; returns once the review task exists. */
  async sign(
    employer: Employer,
    graduate: Graduate,
  ): Promise<{ agreementId: string; agreementNo: string; taskId: string }> {
    const { record } = graduate;
    const signed = await apiOk<{ agreementId: string; agreementNo: string }>(
      'POST',
      '/agreements',
      {
        token: employer.token,
        body: {
          positionId: employer.positionId,
          graduate: {
            schoolCode: this.code,
            name: record.name,
            studentNo: record.studentNo,
            idNumber: record.idNumber,
          },
          terms: TERMS,
        },
      },
    );
    const task = await waitFor('the review task', async () => {
      const page = await apiOk<{ items: Array<{ id: string; agreementId: string }> }>(
        'GET',
        `/review-tasks?q=${encodeURIComponent(signed.agreementNo)}`,
        { token: this.schoolAdmin.token },
      );
      return page.items.find((t) => t.agreementId === signed.agreementId);
    });
    return { ...signed, taskId: task.id };
  }

  async approve(agreementId: string): Promise<void> {
    await apiOk('POST', `/agreements/${agreementId}/review`, {
      token: this.schoolAdmin.token,
      body: { decision: 'APPROVE' },
    });
    await waitFor(
      'the approval',
      async () => (await this.agreementStatus(agreementId)) === 'APPROVED',
    );
  }

  async agreementStatus(agreementId: string): Promise<string> {
    return (
      await apiOk<{ status: string }>('GET', `/agreements/${agreementId}`, {
        token: this.schoolAdmin.token,
      })
    ).status;
  }

  /** The graduate applies to terminate with materials (an image and a PDF). */
  async applyTermination(
    graduate: Graduate,
    agreementId: string,
    reason = '考取研究生，申请解除协议',
  ): Promise<{ id: string }> {
    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', reason);
    form.append(
      'materials',
      new Blob([new Uint8Array(licencePng(300, 180))], { type: 'image/png' }),
      '单位同意解约函.png',
    );
    form.append(
      'materials',
      new Blob([new Uint8Array(pdfBytes('Admission letter (offer)'))], { type: 'application/pdf' }),
      '研究生录取通知书.pdf',
    );
    return upload('/terminations', graduate.token, form);
  }
}

export { api, apiOk, login };
