import { waitFor } from '@netsign/testing';
import { issueToken } from './tokens.js';
import {
  rosterRecord,
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './signing-world.js';

/**
 * The people and things the authorisation matrix (authorization-matrix.ts) is walked with. The
 * subject of every row is graduate `G` (school 10357, department CS, class CS2201) and what belongs
 * to them; each actor stands in one relationship to it.
 */
export const OTHER_SCHOOL = '10358';

export const ACTORS = [
  'anon', // no token
  'unb', // a WeChat session not bound to any graduate
  'gOwn', // G
  'gOth', // another graduate of the school (department LAW)
  'eOwn', // the employer of G's agreement, applications and offers
  'eOth', // another employer
  'dSame', // department staff of G's department
  'dOth', // department staff of another department of G's school
  'dOS', // department staff of another school
  'cAs', // the counsellor assigned G's class
  'cUn', // a counsellor of the school not assigned G
  'saS', // the school admin of G's school
  'saO', // the school admin of another school
  'prov', // the province admin
] as const;
export type Actor = (typeof ACTORS)[number];

/** Ids of G's things (and of things around them) a row's request names. */
export interface Fixture {
  graduateId: string;
  identity: Graduate['identity'];
  agreementId: string;
  taskId: string;
  documentId: string;
  terminationId: string;
  materialId: string;
  positionId: string;
  applicationId: string;
  invitationId: string; // SENT, not answered
  acceptedInvitationId: string; // accepted, no result yet
  offerId: string; // SENT
  qrToken: string;
  notificationId: string;
  correctionId: string;
  staffUserId: string; // a counsellor account of G's school
  dispatchRecordId: string;
}

export interface MatrixWorld {
  w: SigningWorld;
  tokens: Record<Actor, string | undefined>;
  shared: Fixture;
  employerOwn: Employer;
  employerOther: Employer;
  /** A fresh graduate of G's department and class, bound and confirmed. */
  newGraduate(): Promise<Graduate>;
  /** Fresh things of a fresh graduate in G's relationships: a row's allowed, state-changing cells use these. */
  fresh: {
    agreement(): Promise<Partial<Fixture>>;
    application(): Promise<Partial<Fixture>>;
    invitation(): Promise<Partial<Fixture>>;
    acceptedInvitation(): Promise<Partial<Fixture>>;
    termination(): Promise<Partial<Fixture>>;
    position(): Promise<Partial<Fixture>>;
    correction(): Promise<Partial<Fixture>>;
    staff(): Promise<Partial<Fixture>>;
    qrCard(): Promise<Partial<Fixture>>;
    /** A new qualification document of G's employer (the one it may delete). */
    qualificationDocument(): Promise<Partial<Fixture>>;
    /** A roster record (as rosterGraduate) that holds a paper form issued by the school admin. */
    paperForm(): Promise<Partial<Fixture>>;
    /** A fresh graduate of G's department and class, bound and source info confirmed. */
    graduate(): Promise<Partial<Fixture>>;
    /** A roster record of G's department and class that nobody bound (binding is rate limited per address). */
    rosterGraduate(): Promise<Partial<Fixture>>;
  };
  /** A form body: fields and files (field name → bytes). */
  form(
    fields: Record<string, string>,
    files: Array<{ field: string; name: string; bytes: Buffer }>,
  ): FormData;
  /** A fresh unbound WeChat session. */
  unboundSession(): Promise<string>;
  /** A fresh roster identity of G's school, not bound yet. */
  unboundIdentity(): Graduate['identity'];
  /** A username and password that may log in (each once). */
  loginAccount(): Promise<{ username: string; password: string }>;
  close(): Promise<void>;
}

export const pdfBytes = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const future = (hours: number) => new Date(Date.now() + hours * 3600_000).toISOString();

export async function startMatrixWorld(storageDir: string): Promise<MatrixWorld> {
  const w = await startSigningWorld('authz-matrix', ROSTER, {
    STORAGE_DIR: storageDir,
    BOOTSTRAP_ADMIN_PASSWORD: PROVINCE_PASSWORD,
  });
  try {
    return await buildMatrixWorld(w);
  } catch (err) {
    await w.close();
    throw err;
  }
}

const ROSTER = 140;
const PROVINCE_PASSWORD = 'mx-province-password';

async function buildMatrixWorld(w: SigningWorld): Promise<MatrixWorld> {
  const phase = (what: string) => {
    if (process.env['DEBUG_MATRIX']) console.log(`${new Date().toISOString()} ${what}`);
  };
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const form = (
    fields: Record<string, string>,
    files: Array<{ field: string; name: string; bytes: Buffer }>,
  ) => {
    const f = new FormData();
    for (const [k, v] of Object.entries(fields)) f.append(k, v);
    for (const file of files)
      f.append(file.field, new Blob([new Uint8Array(file.bytes)]), file.name);
    return f;
  };
  const upload = async (path: string, token: string, body: FormData) => {
    const res = await fetch(`${w.p.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body,
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
  let staffSeq = 0;
  const createStaff = async (schoolCode: string, adminToken: string, body: object) => {
    const username = `mx-staff-${++staffSeq}`;
    const password = `mx-password-${staffSeq}`;
    const created = w.ok<{ userId: string }>(
      await http('POST', `/api/schools/${schoolCode}/staff`, adminToken, {
        username,
        password,
        ...body,
      }),
    );
    return { userId: created.userId, username, password };
  };
  const loginToken = async ({ username, password }: { username: string; password: string }) =>
    w.ok<{ accessToken: string }>(
      await http('POST', '/api/auth/login', undefined, { username, password }),
    ).accessToken;

  // Another school, with its admin and a department staff member.
  w.ok(
    await http('POST', '/api/schools', w.admin, {
      code: OTHER_SCHOOL,
      name: '合肥工业大学',
      departments: [{ code: 'CS', name: '计算机与信息学院' }],
    }),
  );
  const otherAdmin = await issueToken(w.p, {
    userId: 'sa-other',
    role: 'SCHOOL_ADMIN',
    schoolCode: OTHER_SCHOOL,
  });
  // The admins act with real accounts (POST /me/password needs one); the world's set-up uses the
  // signing world's issued tokens.
  const staffTokens = {
    saS: await loginToken(await createStaff(SCHOOL, w.admin, { role: 'SCHOOL_ADMIN' })),
    saO: await loginToken(await createStaff(OTHER_SCHOOL, w.admin, { role: 'SCHOOL_ADMIN' })),
    prov: await loginToken({ username: 'admin', password: PROVINCE_PASSWORD }),
    dSame: await loginToken(
      await createStaff(SCHOOL, w.schoolAdmin, { role: 'DEPARTMENT_STAFF', departmentCode: 'CS' }),
    ),
    dOth: await loginToken(
      await createStaff(SCHOOL, w.schoolAdmin, { role: 'DEPARTMENT_STAFF', departmentCode: 'LAW' }),
    ),
    dOS: await loginToken(
      await createStaff(OTHER_SCHOOL, otherAdmin, {
        role: 'DEPARTMENT_STAFF',
        departmentCode: 'CS',
      }),
    ),
    cAs: await loginToken(
      await createStaff(SCHOOL, w.schoolAdmin, { role: 'COUNSELLOR', classNames: ['CS2201'] }),
    ),
    cUn: await loginToken(
      await createStaff(SCHOOL, w.schoolAdmin, { role: 'COUNSELLOR', classNames: ['LAW2201'] }),
    ),
  };
  const employerOwn = await w.employer(1, true);
  const employerOther = await w.employer(2, true);

  // Roster records 1..ROSTER: index % 5 === 4 is LAW (class LAW2201), the rest CS (class CS2201).
  let next = 0;
  const nextIndex = (law: boolean) => {
    for (;;) {
      next += 1;
      if (next > ROSTER) throw new Error('matrix world: roster exhausted');
      if ((next % 5 === 4) === law) return next;
    }
  };
  const newGraduate = () => w.graduate(nextIndex(false));
  const withResume = async (g: Graduate) => {
    w.ok(
      await http('PUT', '/api/me/resume', g.token, {
        summary: '计算机专业应届毕业生',
        skills: ['TypeScript'],
      }),
    );
    return g;
  };
  const G = await withResume(await newGraduate());
  const H = await withResume(await w.graduate(nextIndex(true)));
  const unboundSession = async () =>
    w.ok<{ accessToken: string }>(
      await http('POST', '/api/auth/wechat/login', undefined, {
        code: `code-mx-unbound-${++staffSeq}`,
      }),
    ).accessToken;
  const unb = await unboundSession();

  const e = employerOwn;
  const newPosition = async () =>
    w.ok<{ id: string }>(
      await http('POST', '/api/positions', e.token, {
        title: `矩阵岗位${++staffSeq}`,
        location: '合肥',
        headcount: 3,
        salaryRange: '8k-12k',
        description: '后端',
      }),
    ).id;
  const apply = async (g: Graduate, positionId: string) =>
    w.ok<{ id: string }>(
      await http('POST', `/api/positions/${positionId}/applications`, g.token, {}),
    ).id;
  const invite = async (applicationId: string) =>
    w.ok<{ id: string }>(
      await http('POST', `/api/applications/${applicationId}/interview-invitations`, e.token, {
        at: future(48),
        place: '合肥市高新区创新大道 1 号',
      }),
    ).id;
  const accept = async (g: Graduate, invitationId: string) =>
    w.ok(
      await http('POST', `/api/interview-invitations/${invitationId}/response`, g.token, {
        accept: true,
      }),
    );
  const offer = async (invitationId: string) =>
    w.ok<{ offer: { id: string } }>(
      await http('POST', `/api/interview-invitations/${invitationId}/result`, e.token, {
        passed: true,
        offer: { positionId: e.positionId, terms: TERMS, expiresAt: future(72) },
      }),
    ).offer.id;
  const sign = async (g: Graduate) =>
    w.ok<{ agreementId: string }>(
      await http('POST', '/api/agreements', e.token, {
        positionId: e.positionId,
        graduate: g.identity,
        terms: TERMS,
      }),
    ).agreementId;
  const taskOf = (agreementId: string) =>
    waitFor(
      async () =>
        (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
          (t: any) => t.agreementId === agreementId,
        )?.id as string | undefined,
      { what: 'review task' },
    );
  const applyTermination = async (g: Graduate, agreementId: string) => {
    // Review learns of the agreement from signing's event: a moment after the signing.
    const res = await waitFor(
      async () => {
        const r = await upload(
          '/api/terminations',
          g.token,
          form({ agreementId, reason: '个人原因，需解除协议' }, [
            { field: 'materials', name: 'letter.pdf', bytes: pdfBytes('termination letter') },
          ]),
        );
        return r.status === 404 || r.status === 503 ? undefined : r; // 503: a busy machine's timeout
      },
      { what: 'review knows the agreement', intervalMs: 200, timeoutMs: 60_000 },
    );
    if (res.status === 409) {
      // An attempt that timed out at the gateway went through after all.
      const open = w.ok<{
        items: Array<{ id: string; agreementId: string; materials: Array<{ id: string }> }>;
      }>(await http('GET', '/api/terminations', g.token));
      const t = open.items.find((i) => i.agreementId === agreementId);
      if (t) return t;
    }
    if (res.status !== 201)
      throw new Error(`termination: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; materials: Array<{ id: string }> };
  };
  const newCorrection = async (g: Graduate) =>
    w.ok<{ id: string }>(
      await http('POST', '/api/me/source-info/corrections', g.token, {
        changes: { major: '计算机科学与技术' },
        reason: '专业名称有误',
      }),
    ).id;

  phase('people');
  // G's things. Recruiting first: a graduate with an active agreement applies no more.
  const positionId = await newPosition();
  const applicationId = await apply(G, positionId);
  const invitationId = await invite(applicationId);
  const acceptedInvitationId = await invite(await apply(G, await newPosition()));
  await accept(G, acceptedInvitationId);
  const offeredInvitation = await invite(await apply(G, await newPosition()));
  await accept(G, offeredInvitation);
  const offerId = await offer(offeredInvitation);
  const document = await upload(
    '/api/employer/qualification-documents',
    e.token,
    form({ kind: 'BUSINESS_LICENSE' }, [
      { field: 'file', name: 'licence.pdf', bytes: pdfBytes('business licence') },
    ]),
  );
  if (document.status !== 201)
    throw new Error(`document: ${document.status} ${JSON.stringify(document.body)}`);
  const qrToken = w.ok<{ token: string }>(await http('POST', '/api/me/qr-card', G.token)).token;
  const correctionId = await newCorrection(G);
  phase('recruiting');
  const agreementId = await sign(G);
  const taskId = await taskOf(agreementId);
  w.ok(
    await http('POST', `/api/agreements/${agreementId}/review`, w.schoolAdmin, {
      decision: 'APPROVE',
      reason: '材料齐全',
    }),
  );
  phase('signed, reviewed');
  const termination = await applyTermination(G, agreementId);
  phase('terminated');
  const staffUserId = (
    await createStaff(SCHOOL, w.schoolAdmin, { role: 'COUNSELLOR', classNames: ['CS2202'] })
  ).userId;
  const notificationId = await waitFor(
    async () =>
      (await http('GET', '/api/me/notifications', G.token)).body.items?.[0]?.id as
        string | undefined,
    { what: 'a notification of G' },
  );
  const dispatchRecordId = await waitFor(
    async () =>
      (await http('GET', '/api/dispatch/records', w.admin)).body.items?.[0]?.id as
        string | undefined,
    { what: 'a dispatch record' },
  );

  const shared: Fixture = {
    graduateId: G.graduateId,
    identity: G.identity,
    agreementId,
    taskId,
    documentId: document.body.id,
    terminationId: termination.id,
    materialId: termination.materials[0]!.id,
    positionId,
    applicationId,
    invitationId,
    acceptedInvitationId,
    offerId,
    qrToken,
    notificationId,
    correctionId,
    staffUserId,
    dispatchRecordId,
  };
  const tokens: Record<Actor, string | undefined> = {
    anon: undefined,
    unb,
    gOwn: G.token,
    gOth: H.token,
    eOwn: employerOwn.token,
    eOth: employerOther.token,
    ...staffTokens,
  };

  let unboundSeq = 0;
  return {
    w,
    tokens,
    shared,
    employerOwn,
    employerOther,
    newGraduate,
    form,
    unboundSession,
    unboundIdentity: () => {
      // Records past the ones handed out from the top: never bound by anyone else.
      const r = rosterRecord(ROSTER - unboundSeq++);
      return { schoolCode: SCHOOL, name: r.name, studentNo: r.studentNo, idNumber: r.idNumber };
    },
    async loginAccount() {
      const account = await createStaff(SCHOOL, w.schoolAdmin, {
        role: 'COUNSELLOR',
        classNames: ['CS2299'],
      });
      return { username: account.username, password: account.password };
    },
    fresh: {
      async paperForm() {
        const g = await this.rosterGraduate();
        w.ok(
          await http(
            'POST',
            `/api/schools/${SCHOOL}/graduates/${g.graduateId}/paper-forms`,
            w.schoolAdmin,
            { formNo: `PF-${++staffSeq}-${Date.now()}` },
          ),
        );
        return g;
      },
      async graduate() {
        const g = await newGraduate();
        return { graduateId: g.graduateId, identity: g.identity };
      },
      async rosterGraduate() {
        const r = rosterRecord(nextIndex(false));
        const list = w.ok<{ items: Array<{ graduateId: string }> }>(
          await http('GET', `/api/schools/${SCHOOL}/graduates?q=${r.studentNo}`, w.schoolAdmin),
        );
        const graduateId = list.items[0]?.graduateId;
        if (!graduateId) throw new Error(`roster record ${r.studentNo} not found`);
        return {
          graduateId,
          identity: {
            schoolCode: SCHOOL,
            name: r.name,
            studentNo: r.studentNo,
            idNumber: r.idNumber,
          },
        };
      },
      async agreement() {
        const g = await newGraduate();
        const id = await sign(g);
        return {
          graduateId: g.graduateId,
          identity: g.identity,
          agreementId: id,
          taskId: await taskOf(id),
        };
      },
      // The other graduate applies to new positions of G's employer (binding is rate limited).
      async application() {
        return { applicationId: await apply(H, await newPosition()) };
      },
      async invitation() {
        return { invitationId: await invite(await apply(H, await newPosition())) };
      },
      async acceptedInvitation() {
        const id = await invite(await apply(H, await newPosition()));
        await accept(H, id);
        return { acceptedInvitationId: id };
      },
      async termination() {
        const g = await newGraduate();
        const id = await sign(g);
        const t = await applyTermination(g, id);
        return { agreementId: id, terminationId: t.id, materialId: t.materials[0]!.id };
      },
      async position() {
        return { positionId: await newPosition() };
      },
      async correction() {
        return { correctionId: await newCorrection(await newGraduate()) };
      },
      async staff() {
        return {
          staffUserId: (
            await createStaff(SCHOOL, w.schoolAdmin, { role: 'COUNSELLOR', classNames: ['CS2203'] })
          ).userId,
        };
      },
      async qrCard() {
        const g = await newGraduate();
        return {
          qrToken: w.ok<{ token: string }>(await http('POST', '/api/me/qr-card', g.token)).token,
        };
      },
      async qualificationDocument() {
        const uploaded = await upload(
          '/api/employer/qualification-documents',
          e.token,
          form({ kind: 'OTHER' }, [
            { field: 'file', name: 'letter.pdf', bytes: pdfBytes('recruitment letter') },
          ]),
        );
        if (uploaded.status !== 201)
          throw new Error(`document: ${uploaded.status} ${JSON.stringify(uploaded.body)}`);
        return { documentId: uploaded.body.id as string };
      },
    },
    close: () => w.close(),
  };
}
