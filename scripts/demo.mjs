#!/usr/bin/env node
// `npm run demo`: tells the platform's whole story against a running system (`npm start`),
// through its public HTTP API only, in Chinese and English. Every run adds a new cohort (a school
// with its own code, new employers and graduates), so it can run again and again.
//
//   API_BASE_URL              the gateway (default http://localhost:3000/api)
//   BOOTSTRAP_ADMIN_PASSWORD  the province admin's password (default admin-dev-password)
//   WECHAT_API_BASE           the WeChat fake that turns code-<openid> into an openid (default http://127.0.0.1:$WECHAT_FAKE_PORT, 3901, as npm start)
//   PROVINCE_DISPATCH_URL     the provincial stand-in, to show what it received (default http://127.0.0.1:$PROVINCE_STANDIN_PORT, 3900)
//   DEMO_OUT_DIR              where the PDF is saved (default: the system's temp directory)
import { execFile as execFileCb } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  client,
  creditCode,
  DemoError,
  detail,
  idNumber,
  pdfFile,
  poll,
  step,
} from './demo/support.mjs';

const execFile = promisify(execFileCb);
const API = (process.env.API_BASE_URL ?? 'http://localhost:3000/api').replace(/\/+$/, '');
const PORTAL = `${API.replace(/\/api$/, '')}/`;
const ADMIN_PASSWORD = process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'admin-dev-password';
const WECHAT = (
  process.env.WECHAT_API_BASE ?? `http://127.0.0.1:${process.env.WECHAT_FAKE_PORT || 3901}`
).replace(/\/+$/, '');
const PROVINCE = (
  process.env.PROVINCE_DISPATCH_URL ??
  `http://127.0.0.1:${process.env.PROVINCE_STANDIN_PORT || 3900}`
).replace(/\/+$/, '');
const OUT_DIR = process.env.DEMO_OUT_DIR ?? join(tmpdir(), 'netsign-demo');
const PASSWORD = 'Demo-pass-2026';

const api = client(API);
const stamp = Date.now();
const RUN = stamp.toString(36).toUpperCase().slice(-6);
const SCHOOL = `DEMO${RUN}`;
const YEAR = new Date().getFullYear();
const CLASS_CS = `CS${String(YEAR).slice(2)}01`;
const TERMS = {
  workLocation: '安徽省合肥市高新区',
  monthlySalary: 9800,
  probationMonths: 3,
  contractYears: 3,
  archiveTransferAddress: '合肥市人才服务中心',
  hukouTransferAddress: '合肥市公安局高新分局户政科',
  otherTerms: '五险一金，年终奖',
  superiorAuthority: 'EMPLOYMENT_PLACE_TALENT_SERVICE',
};

async function main() {
  console.log(`网签平台演示 · online-signing platform demo — cohort ${SCHOOL}\nAPI ${API}`);

  step('检查系统健康状态', 'Checking that every service is up');
  const health = await api.get('/health', { expect: [200, 503] });
  detail(
    Object.entries(health.services ?? {})
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
  );
  if (health.status !== 'up')
    detail(`整体状态 overall: ${health.status}（部分服务未就绪 some services are down）`);
  const admin = (await api.post('/auth/login', { username: 'admin', password: ADMIN_PASSWORD }))
    .accessToken;
  detail('省厅管理员已登录 · province admin logged in');

  step(`创建学校 ${SCHOOL}（两个院系）`, `Creating school ${SCHOOL} with two departments`);
  await api.post(
    '/schools',
    {
      code: SCHOOL,
      name: `示范大学（${RUN}）`,
      departments: [
        { code: 'CS', name: '计算机科学与技术学院' },
        { code: 'LAW', name: '法学院' },
      ],
    },
    { token: admin },
  );
  const accounts = {
    schoolAdmin: {
      username: `${SCHOOL.toLowerCase()}-admin`,
      role: 'SCHOOL_ADMIN',
      label: '学校管理员 school admin',
    },
    csStaff: {
      username: `${SCHOOL.toLowerCase()}-cs`,
      role: 'DEPARTMENT_STAFF',
      departmentCode: 'CS',
      label: '计算机学院老师 CS department staff',
    },
    lawStaff: {
      username: `${SCHOOL.toLowerCase()}-law`,
      role: 'DEPARTMENT_STAFF',
      departmentCode: 'LAW',
      label: '法学院老师 law department staff',
    },
    counsellor: {
      username: `${SCHOOL.toLowerCase()}-fdy`,
      role: 'COUNSELLOR',
      classNames: [CLASS_CS],
      label: `辅导员 counsellor of class ${CLASS_CS}`,
    },
  };
  const tokens = {};
  for (const [key, a] of Object.entries(accounts)) {
    const { label, ...body } = a;
    await api.post(`/schools/${SCHOOL}/staff`, { ...body, password: PASSWORD }, { token: admin });
    tokens[key] = (
      await api.post('/auth/login', { username: a.username, password: PASSWORD })
    ).accessToken;
    detail(`${label}: ${a.username}`);
  }

  step(
    '导入生源名单（含生僻字姓名）',
    'Importing the graduate roster, rare-character names included',
  );
  const roster = [
    ['王𠮷', 'CS', '男'],
    ['龚䶮', 'CS', '女'],
    ['李喆', 'CS', '男'],
    ['陈堃', 'LAW', '男'],
    ['赵一鸣', 'LAW', '男'],
    ['欧阳娜娜', 'CS', '女'],
  ].map(([name, dept, gender], i) => ({
    studentNo: `${RUN}${String(i + 1).padStart(2, '0')}`,
    name,
    gender,
    idNumber: idNumber((stamp % 100_000) * 10 + i),
    departmentCode: dept,
    major: dept === 'CS' ? '软件工程' : '法学',
    degree: '本科',
    className: dept === 'CS' ? CLASS_CS : `LAW${String(YEAR).slice(2)}01`,
    originPlace: '安徽合肥',
    graduationYear: YEAR,
  }));
  const imported = await api.post(
    `/schools/${SCHOOL}/roster`,
    { graduates: roster },
    { token: tokens.schoolAdmin },
  );
  detail(
    `新增 created ${imported.created}, 更新 updated ${imported.updated}, 拒绝 rejected ${imported.rejected.length}`,
  );
  detail(roster.map((r) => `${r.name}（${r.studentNo}）`).join('、'));

  step(
    '用人单位注册、上传资质证明、发布岗位',
    'Employers register, upload qualification documents and publish positions',
  );
  const employers = {};
  for (const [key, name, autonomy, n] of [
    ['star', '安徽星辰智能科技有限公司', true, 1],
    ['bay', '合肥蓝湾商贸有限公司', false, 2],
  ]) {
    const username = `${SCHOOL.toLowerCase()}-hr-${key}`;
    await api.post('/employers', {
      creditCode: creditCode((stamp % 1_000_000) * 3 + n),
      name: `${name}（${RUN}）`,
      nature: '其他企业',
      industry: autonomy ? '信息技术' : '批发零售',
      address: '合肥市高新区创新大道 2800 号',
      hasHiringAutonomy: autonomy,
      contactName: '王晓丽',
      contactPhone: '0551-65551234',
      username,
      password: PASSWORD,
    });
    const token = (await api.post('/auth/login', { username, password: PASSWORD })).accessToken;
    const form = new FormData();
    form.append('kind', 'BUSINESS_LICENSE');
    form.append('file', pdfFile(`${name} business licence`), '营业执照.pdf');
    await api.upload('/employer/qualification-documents', form, { token });
    const position = await api.post(
      '/positions',
      {
        title: autonomy ? '后端开发工程师' : '法务专员',
        location: '合肥',
        headcount: 3,
        salaryRange: '9k-14k',
        description: autonomy ? 'Node.js、PostgreSQL' : '合同审查',
      },
      { token },
    );
    employers[key] = {
      name: `${name}（${RUN}）`,
      username,
      token,
      positionId: position.id,
      autonomy,
    };
    detail(
      `${employers[key].name}：${autonomy ? '有用人自主权 has hiring autonomy' : '无用人自主权 no hiring autonomy'}；营业执照已上传；岗位 ${position.id}`,
    );
  }
  const { star, bay } = employers;

  step(
    '毕业生在小程序中微信登录、绑定学籍、确认生源信息',
    'Graduates log in with WeChat, bind to the roster and confirm their source info',
  );
  const wechatReachable = await fetch(
    `${WECHAT}/sns/jscode2session?appid=demo&secret=demo&js_code=code-probe&grant_type=authorization_code`,
  ).then(
    (r) => r.ok,
    () => false,
  );
  detail(
    wechatReachable
      ? `微信登录码由模拟服务换取 · WeChat codes exchanged by the fake at ${WECHAT}`
      : `提示：${WECHAT} 无应答；code-<openid> 形式的登录码只适用于内置的微信模拟服务`,
  );
  const graduates = [];
  for (const [i, r] of roster.slice(0, 4).entries()) {
    const login = await api.post('/auth/wechat/login', {
      code: `code-demo-${RUN.toLowerCase()}-${i + 1}`,
    });
    const bound = await api.post(
      '/auth/wechat/bind',
      { schoolCode: SCHOOL, name: r.name, studentNo: r.studentNo, idNumber: r.idNumber },
      { token: login.accessToken },
    );
    await api.post('/me/source-info/confirmation', undefined, { token: bound.accessToken });
    const me = await api.get('/me', { token: bound.accessToken });
    graduates.push({ ...r, token: bound.accessToken, graduateId: bound.graduate.graduateId });
    detail(
      `${r.name} 已绑定并确认 · bound and confirmed; 身份证号显示为 ID shown as ${JSON.stringify(me).match(/\d{6}\*+\d{3}[\dX]/)?.[0] ?? '(masked)'}`,
    );
  }
  const [g1, g2, g3, g4] = graduates;
  const identityOf = (g) => ({
    schoolCode: SCHOOL,
    name: g.name,
    studentNo: g.studentNo,
    idNumber: g.idNumber,
  });

  step(
    '签约方式一：投递简历 → 面试邀请 → 面试结果与签约通知 → 毕业生接受',
    'Method 1: application → interview invitation → result with a signing offer → the graduate accepts',
  );
  await api.put(
    '/me/resume',
    {
      summary: '软件工程专业，熟悉 TypeScript 与 PostgreSQL',
      skills: ['TypeScript', 'PostgreSQL'],
      phone: '13800000001',
      email: 'demo@example.com',
    },
    { token: g1.token },
  );
  const application = await api.post(
    `/positions/${star.positionId}/applications`,
    {},
    { token: g1.token },
  );
  const invitation = await api.post(
    `/applications/${application.id}/interview-invitations`,
    {
      at: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      place: '合肥市高新区创新大道 2800 号 3 楼',
      note: '请携带成绩单',
    },
    { token: star.token },
  );
  await api.post(
    `/interview-invitations/${invitation.id}/response`,
    { accept: true },
    { token: g1.token },
  );
  const result = await api.post(
    `/interview-invitations/${invitation.id}/result`,
    { passed: true, offer: { positionId: star.positionId, terms: TERMS } },
    { token: star.token },
  );
  const a1 = await api.post(
    `/signing-offers/${result.offer.id}/response`,
    { accept: true },
    { token: g1.token },
  );
  detail(`${g1.name} 接受签约通知 → 协议 ${a1.agreementNo}（${a1.status}, ${a1.method}）`);

  step(
    '签约方式二：用人单位直接填写毕业生信息签约',
    'Method 2: the employer signs directly with the graduate’s identity',
  );
  const a2 = await api.post(
    '/agreements',
    {
      positionId: bay.positionId,
      graduate: identityOf(g2),
      terms: { ...TERMS, superiorAuthority: 'ORIGIN_PLACE' },
    },
    { token: bay.token },
  );
  detail(
    `${bay.name} 与 ${g2.name} → 协议 ${a2.agreementNo}（${a2.method}；无用人自主权，上级主管部门：回生源地）`,
  );

  step(
    '签约方式三：毕业生出示二维码名片，用人单位扫码签约',
    'Method 3: the graduate shows a QR card, the employer scans it and signs',
  );
  const card = await api.post('/me/qr-card', undefined, { token: g3.token });
  const seen = await api.get(`/qr-cards/${card.token}`, { token: star.token });
  detail(
    `用人单位看到 the employer sees: ${JSON.stringify(seen).match(/\d{6}\*+\d{3}[\dX]/)?.[0] ?? '(masked identity)'}（身份证号已脱敏 ID masked）`,
  );
  const a3 = await api.post(
    `/qr-cards/${card.token}/agreements`,
    { positionId: star.positionId, terms: TERMS },
    { token: star.token },
  );
  detail(`${g3.name} → 协议 ${a3.agreementNo}（${a3.method}）`);

  step(
    '院系审核：驳回一份（写明理由），其余通过',
    'Review: one agreement rejected with a reason, the others approved',
  );
  const a4 = await api.post(
    '/agreements',
    { positionId: star.positionId, graduate: identityOf(g4), terms: TERMS },
    { token: star.token },
  );
  const decide = async (agreement, token, decision, reason) => {
    await poll(`review task of ${agreement.agreementNo}`, async () =>
      (await api.get('/review-tasks?status=PENDING&pageSize=100', { token })).items.find(
        (t) => t.agreementId === agreement.agreementId,
      ),
    );
    await api.post(`/agreements/${agreement.agreementId}/review`, { decision, reason }, { token });
  };
  await decide(a4, tokens.lawStaff, 'REJECT', '协议中的岗位与毕业生所学专业不符，请核对后重新签约');
  detail(`${a4.agreementNo}（${g4.name}）已驳回 rejected: 协议中的岗位与毕业生所学专业不符`);
  const docs = await api.get(`/agreements/${a2.agreementId}/qualification-documents`, {
    token: tokens.csStaff,
  });
  detail(`审核人可查看用人单位资质 reviewers see the employer’s documents: ${docs.length} 份`);
  for (const a of [a1, a2, a3]) await decide(a, tokens.csStaff, 'APPROVE', '材料齐全，同意');
  detail(`${a1.agreementNo}、${a2.agreementNo}、${a3.agreementNo} 已通过 approved`);
  const again = await api.post(
    '/agreements',
    {
      positionId: bay.positionId,
      graduate: identityOf(g4),
      terms: { ...TERMS, superiorAuthority: 'ORIGIN_PLACE' },
    },
    { token: bay.token },
  );
  await decide(again, tokens.lawStaff, 'APPROVE', '同意');
  detail(
    `被驳回的 ${g4.name} 重新签约并通过 signed again after the rejection: ${again.agreementNo}`,
  );

  step(
    '打印协议书：下载 PDF（一式三联），逐联核验防伪二维码',
    'Printing: download the PDF (three copies) and verify each copy’s QR code',
  );
  const pdf = await poll(
    'the agreement PDF',
    async () => {
      const res = await api.raw('GET', `/agreements/${a1.agreementId}/pdf`, {
        token: tokens.csStaff,
      });
      if (res.status !== 200) return undefined;
      return Buffer.from(await res.arrayBuffer());
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  await mkdir(OUT_DIR, { recursive: true });
  const pdfPath = join(OUT_DIR, `${a1.agreementNo}.pdf`);
  await writeFile(pdfPath, pdf);
  detail(`PDF 已保存 saved: ${pdfPath} (${pdf.length} bytes)`);
  await verifyCopies(pdfPath);

  step(
    '解约：毕业生提交材料申请，辅导员同意',
    'Termination: the graduate applies with materials, the counsellor agrees',
  );
  const form = new FormData();
  form.append('agreementId', a3.agreementId);
  form.append('reason', '考取研究生，申请解除就业协议');
  form.append('materials', pdfFile('admission letter'), '录取通知书.pdf');
  const termination = await poll('review to know the agreement', () =>
    api
      .upload('/terminations', form, { token: g3.token })
      .catch((e) => (String(e.message).includes('404') ? undefined : Promise.reject(e))),
  );
  const pending = await api.get('/terminations?status=PENDING', { token: tokens.counsellor });
  detail(
    `辅导员待处理 the counsellor has ${pending.total} pending; 材料 materials: ${termination.materials.map((m) => m.fileName).join('、')}`,
  );
  await api.post(
    `/terminations/${termination.id}/decision`,
    { decision: 'AGREE', reason: '材料齐全，同意解约' },
    { token: tokens.counsellor },
  );
  await poll(
    'the agreement to be terminated',
    async () =>
      (await api.get(`/agreements/${a3.agreementId}`, { token: g3.token })).status === 'TERMINATED',
  );
  detail(`${a3.agreementNo} 已解除 TERMINATED；${g3.name} 恢复待就业 back to awaiting employment`);

  step(
    '重新签约：解约后的毕业生与另一家单位签约并通过审核',
    'Re-signing: after the termination the graduate signs with another employer and is approved',
  );
  const a5 = await api.post(
    '/agreements',
    {
      positionId: bay.positionId,
      graduate: identityOf(g3),
      terms: { ...TERMS, superiorAuthority: 'ORIGIN_PLACE' },
    },
    { token: bay.token },
  );
  await decide(a5, tokens.csStaff, 'APPROVE', '同意');
  detail(`${g3.name} → ${a5.agreementNo} 已通过 approved`);

  step(
    '派遣：就业与解约记录按毕业生顺序送达省派遣系统',
    'Dispatch: employment and termination records delivered to the provincial system, in order per graduate',
  );
  const expected = 6; // five approvals, one termination
  const records = await poll(
    'the records to be delivered',
    async () => {
      const first = await api.get('/dispatch/records?pageSize=1', { token: admin });
      const last = await api.get(
        `/dispatch/records?pageSize=500&page=${Math.max(1, Math.ceil(first.total / 500))}`,
        { token: admin },
      );
      const previous =
        first.total > 500
          ? (
              await api.get(
                `/dispatch/records?pageSize=500&page=${Math.max(1, Math.ceil(first.total / 500) - 1)}`,
                { token: admin },
              )
            ).items
          : [];
      const ours = [...previous, ...last.items].filter((r) => JSON.stringify(r).includes(SCHOOL));
      return ours.length >= expected && ours.every((r) => r.status === 'DELIVERED') && ours;
    },
    { timeoutMs: 120_000, intervalMs: 1000 },
  );
  for (const r of records)
    detail(
      `${r.kind ?? r.body?.kind} · ${r.body?.name ?? ''} · 序号 sequence ${r.graduateSequence ?? r.body?.graduateSequence} · ${r.status}`,
    );
  const atProvince = await fetch(
    `${PROVINCE}/graduates/${encodeURIComponent(SCHOOL)}/${encodeURIComponent(g3.studentNo)}`,
  ).then(
    (r) => (r.ok ? r.json() : null),
    () => null,
  );
  if (atProvince)
    detail(
      `省派遣系统（模拟）收到 ${g3.name} 的记录 the stand-in holds: ${atProvince.records.map(({ record: r }) => `${r.graduateSequence}:${r.kind}`).join(' → ')}`,
    );
  else
    detail(
      `省派遣系统 ${PROVINCE} 不可查询（非内置模拟服务）· the provincial system at ${PROVINCE} cannot be queried`,
    );

  step('统计：本校网签占比', 'Statistics: the school’s online-signing share');
  const stats = await poll(
    'the statistics to count the cohort',
    async () => {
      const s = await api.get(`/statistics/online-signing?schoolCode=${SCHOOL}`, { token: admin });
      const row = s.schools.find((x) => x.schoolCode === SCHOOL);
      return row && row.signedOnline.total >= 4 && row;
    },
    { timeoutMs: 60_000, intervalMs: 1000 },
  );
  detail(
    `毕业生 graduates ${stats.graduates}；网签 signed online ${stats.signedOnline.total}（方式一 ${stats.signedOnline.RECRUITING}，方式二 ${stats.signedOnline.EMPLOYER_DIRECT}，方式三 ${stats.signedOnline.QR_CARD}）；线下 offline ${stats.signedOffline}；网签占比 share ${stats.onlineShare === null ? '—' : `${(stats.onlineShare * 100).toFixed(1)}%`}`,
  );

  step('可在门户中登录试用', `Logins to try in the portal at ${PORTAL}`);
  detail(
    `省厅 province admin: admin / ${ADMIN_PASSWORD === 'admin-dev-password' ? ADMIN_PASSWORD : '(BOOTSTRAP_ADMIN_PASSWORD)'}`,
  );
  for (const a of Object.values(accounts)) detail(`${a.label}: ${a.username} / ${PASSWORD}`);
  for (const e of Object.values(employers))
    detail(`用人单位 employer ${e.name}: ${e.username} / ${PASSWORD}`);
  detail(
    `毕业生在小程序 H5（${PORTAL}m/）中用微信登录码 code-demo-${RUN.toLowerCase()}-1 … -4 登录 · graduates log in at ${PORTAL}m/ with those WeChat codes`,
  );
  console.log(`\n演示完成 · demo complete: cohort ${SCHOOL}`);
}

/** Reads the three verification QR codes from the PDF (pdftoppm + zbarimg) and verifies each. */
async function verifyCopies(pdfPath) {
  const dir = await mkdtemp(join(tmpdir(), 'netsign-demo-pages-'));
  try {
    await execFile('pdftoppm', ['-r', '150', '-png', pdfPath, join(dir, 'page')]);
    const urls = [];
    for (const png of (await readdir(dir)).filter((f) => f.endsWith('.png')).sort()) {
      const { stdout } = await execFile('zbarimg', ['--quiet', '--raw', join(dir, png)]).catch(
        (e) => ({ stdout: e.stdout ?? '' }),
      );
      urls.push(...stdout.trim().split('\n').filter(Boolean));
    }
    for (const url of urls) {
      const token = new URL(url).pathname.split('/').pop();
      const v = await api.get(`/verify/${token}`);
      detail(
        `${v.copy} 联：${v.genuine ? '真实有效 genuine' : '无法核验'}，协议 ${v.agreementNo}，状态 ${v.agreementStatus}，毕业生 ${v.graduateNameMasked}`,
      );
    }
    if (urls.length !== 3)
      throw new DemoError(`expected 3 verification QR codes in the PDF, found ${urls.length}`);
  } catch (err) {
    if (err instanceof DemoError) throw err;
    if (err.code === 'ENOENT')
      detail(
        '未找到 pdftoppm/zbarimg，跳过扫码核验 · pdftoppm/zbarimg not installed (apt-get install poppler-utils zbar-tools): copies not verified',
      );
    else throw err;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(`\n演示失败 · demo failed: ${err instanceof DemoError ? err.message : err.stack}`);
  process.exit(1);
});
