import { creditCode, SCHOOL, TERMS } from './signing-world.js';
import {
  ACTORS,
  OTHER_SCHOOL,
  pdfBytes,
  type Actor,
  type Fixture,
  type MatrixWorld,
} from './matrix-world.js';

/**
 * The authorisation matrix: every gateway route under /api × every actor (role and relationship to
 * graduate G and their things, see ACTORS in matrix-world.ts) → what the real system answers.
 *
 * `access` lists one outcome per actor, in this column order:
 *
 *     anon unb  gOwn gOth eOwn eOth dSame dOth dOS  cAs  cUn  saS  saO  prov
 *
 * `ok` is any 2xx. A number is the exact status; 401, 403 and 404 are refusals (404: the thing is
 * not in the caller's scope, so the answer does not say it exists). Where the caller is allowed but
 * the thing is in a state that refuses the action (409), or the request is refused for its content
 * after the caller was allowed (400: a wrong current password), the row's comment says so.
 *
 * A row whose allowed requests change state names `fresh`: each allowed cell gets fresh things
 * (a new agreement, termination, …) in the same relationships, the refused cells use G's. The e2e
 * test e2e/authorization-matrix walks this table, and fails when the gateway serves an /api route
 * the table does not list.
 */
export type Outcome = 'ok' | number;

export interface MatrixRequest {
  path: string;
  body?: unknown;
  form?: FormData;
}

export interface MatrixRow {
  /** `METHOD /api/path/:param`, parameter names as the controllers declare them. */
  route: string;
  access: string;
  fresh?: keyof MatrixWorld['fresh'];
  request?: (f: Fixture, m: MatrixWorld, actor: Actor) => MatrixRequest | Promise<MatrixRequest>;
}

let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
/** The employer an employer actor is, for routes whose body names the caller's own position. */
const ownPosition = (m: MatrixWorld, actor: Actor) =>
  actor === 'eOth' ? m.employerOther.positionId : m.employerOwn.positionId;
const path = (p: string) => () => ({ path: p });
const S = SCHOOL;

export const AUTHORIZATION_MATRIX: MatrixRow[] = [
  // ---- public ---------------------------------------------------------------------------------
  //                                                       anon unb  gOwn gOth eOwn eOth dSame dOth dOS  cAs  cUn  saS  saO  prov
  {
    route: 'GET /api/health',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  // Open while METRICS_TOKEN is unset (development and tests); a scraper's bearer token otherwise.
  {
    route: 'GET /api/metrics',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/docs',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/docs/',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/docs/index.html',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  // Declared by the Swagger UI plugin; the file is not shipped (the same 404 for everyone).
  {
    route: 'GET /api/docs/LICENSE',
    access: '404  404  404  404  404  404  404   404  404  404  404  404  404  404',
  },
  {
    route: 'GET /api/docs/swagger-ui-init.js',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/docs/docs/swagger-ui-init.js',
    access: 'ok ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/docs/*',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
    request: path('/api/docs/swagger-ui.css'),
  },
  {
    route: 'GET /api/docs-json',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/docs-yaml',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/verification-keys',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  // Public: the same answer for everyone; a forged token is not genuine.
  {
    route: 'GET /api/verify/:token',
    access: '404  404  404  404  404  404  404   404  404  404  404  404  404  404',
    request: path('/api/verify/forged.token.value'),
  },
  // Public: anyone may check a downloaded PDF; a file the platform did not issue answers 200 {genuine: false}.
  {
    route: 'POST /api/verify/file',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
    request: (_f, m) => ({
      path: '/api/verify/file',
      form: m.form({}, [
        { field: 'file', name: 'agreement.pdf', bytes: pdfBytes('not issued by the platform') },
      ]),
    }),
  },
  {
    route: 'POST /api/auth/login',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
    request: async (_f, m) => ({ path: '/api/auth/login', body: await m.loginAccount() }),
  },
  {
    route: 'POST /api/auth/wechat/login',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
    request: () => ({
      path: '/api/auth/wechat/login',
      body: { code: `code-mx-login-${unique()}` },
    }),
  },
  {
    route: 'POST /api/employers',
    access: 'ok   ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
    request: () => {
      const n = 5000 + ++seq;
      return {
        path: '/api/employers',
        body: {
          creditCode: creditCode(n),
          name: `矩阵企业${n}有限公司`,
          nature: '其他企业',
          industry: '信息技术',
          address: '合肥市',
          hasHiringAutonomy: true,
          contactName: '李雷',
          contactPhone: '0551-65550000',
          username: `mx-employer-${n}`,
          password: `mx-employer-pass-${n}`,
        },
      };
    },
  },
  // ---- the WeChat session ---------------------------------------------------------------------
  {
    route: 'POST /api/auth/wechat/bind',
    access: '401  ok   403  403  403  403  403   403  403  403  403  403  403  403',
    request: (_f, m) => ({ path: '/api/auth/wechat/bind', body: m.unboundIdentity() }),
  },
  // ---- me -------------------------------------------------------------------------------------
  {
    route: 'GET /api/me',
    access: '401  ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/me/notifications',
    access: '401  ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  // Someone else's inbox item is not found.
  {
    route: 'POST /api/me/notifications/:id/read',
    access: '401  404  ok   404  404  404  404   404  404  404  404  404  404  404',
    request: (f) => ({ path: `/api/me/notifications/${f.notificationId}/read` }),
  },
  {
    route: 'POST /api/me/source-info/confirmation',
    access: '401 403 ok   ok   403  403  403   403  403  403  403  403  403  403',
  },
  // G has a correction open already (409); the other graduate opens one.
  {
    route: 'POST /api/me/source-info/corrections',
    access: '401 403  409  ok   403  403  403   403  403  403  403  403  403  403',
    request: () => ({
      path: '/api/me/source-info/corrections',
      body: { changes: { className: 'CS2209' }, reason: '班级有误' },
    }),
  },
  // Allowed callers send a wrong current password on purpose (400): a right one would end their sessions.
  {
    route: 'POST /api/me/password',
    access: '401  403  403  403  400  400  400   400  400  400  400  400  400  400',
    request: () => ({
      path: '/api/me/password',
      body: { currentPassword: 'not-the-password', newPassword: 'a-new-password-1' },
    }),
  },
  {
    route: 'PUT /api/me/resume',
    access: '401  403  ok   ok   403  403  403   403  403  403  403  403  403  403',
    request: () => ({
      path: '/api/me/resume',
      body: { summary: '熟悉 Node.js', skills: ['TypeScript'] },
    }),
  },
  // ---- schools, staff, roster -----------------------------------------------------------------
  {
    route: 'POST /api/schools',
    access: '401  403  403  403  403  403  403   403  403  403  403  403  403  ok',
    request: () => ({
      path: '/api/schools',
      body: {
        code: `M${unique()}`.slice(0, 12),
        name: '矩阵学院',
        departments: [{ code: 'CS', name: '计算机学院' }],
      },
    }),
  },
  // The school directory is public information for anyone signed in (a graduate binding picks a school).
  {
    route: 'GET /api/schools',
    access: '401  ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/schools/:schoolCode',
    access: '401  ok   ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
    request: path(`/api/schools/${S}`),
  },
  {
    route: 'POST /api/schools/:schoolCode/staff',
    access: '401 403  403  403  403  403  403   403  403  403  403  ok   403  ok',
    request: () => ({
      path: `/api/schools/${S}/staff`,
      body: {
        username: `mx-new-${unique()}`,
        password: 'mx-new-password',
        role: 'COUNSELLOR',
        classNames: ['CS2201'],
      },
    }),
  },
  {
    route: 'GET /api/schools/:schoolCode/staff',
    access: '401  403  403  403  403  403  403   403  403  403  403  ok   403  ok',
    request: path(`/api/schools/${S}/staff`),
  },
  {
    route: 'PATCH /api/schools/:schoolCode/staff/:userId',
    access: '401 403 403 403 403 403 403 403  403  403  403  ok   403  ok',
    request: (f) => ({
      path: `/api/schools/${S}/staff/${f.staffUserId}`,
      body: { classNames: ['CS2202', 'CS2204'] },
    }),
  },
  {
    route: 'POST /api/schools/:schoolCode/staff/:userId/deactivation',
    access: '401 403 403 403 403 403 403 403 403 403 403 ok 403 ok',
    fresh: 'staff',
    request: (f) => ({
      path: `/api/schools/${S}/staff/${f.staffUserId}/deactivation`,
      body: { reason: '调离' },
    }),
  },
  // Allowed callers reach the account, which is active (409).
  {
    route: 'POST /api/schools/:schoolCode/staff/:userId/reactivation',
    access: '401 403 403 403 403 403 403 403 403 403 403 409 403 409',
    request: (f) => ({
      path: `/api/schools/${S}/staff/${f.staffUserId}/reactivation`,
      body: { reason: '返岗' },
    }),
  },
  {
    route: 'POST /api/schools/:schoolCode/roster',
    access: '401 403  403  403  403  403  403   403  403  403  403  ok   403  ok',
    request: (f) => ({
      path: `/api/schools/${S}/roster`,
      body: {
        graduates: [
          {
            studentNo: f.identity.studentNo,
            name: f.identity.name,
            gender: '男',
            idNumber: f.identity.idNumber,
            departmentCode: 'CS',
            major: '软件工程',
            degree: '本科',
            className: 'CS2201',
            originPlace: '安徽合肥',
            graduationYear: 2026,
          },
        ],
      },
    }),
  },
  {
    route: 'GET /api/schools/:schoolCode/graduates',
    access: '401 403 403  403  403  403  ok    ok   403  ok   ok   ok   403  ok',
    request: path(`/api/schools/${S}/graduates`),
  },
  // A graduate nobody bound: allowed callers are told nothing was released (200 {released: false}).
  {
    route: 'DELETE /api/schools/:schoolCode/graduates/:graduateId/wechat-binding',
    access: '401 403 403 403 403 403 403 403 403 403 403 ok 403 ok',
    fresh: 'rosterGraduate',
    request: (f) => ({ path: `/api/schools/${S}/graduates/${f.graduateId}/wechat-binding` }),
  },
  {
    route: 'GET /api/schools/:schoolCode/source-info-corrections',
    access: '401 403 403 403 403 403 403 403 403 403 403 ok 403 ok',
    request: path(`/api/schools/${S}/source-info-corrections`),
  },
  {
    route: 'POST /api/schools/:schoolCode/source-info-corrections/:id/decision',
    access: '401 403 403 403 403 403 403 403 403 403 403 ok 403 ok',
    fresh: 'correction',
    request: (f) => ({
      path: `/api/schools/${S}/source-info-corrections/${f.correctionId}/decision`,
      body: { decision: 'REJECT', reason: '与档案不符' },
    }),
  },
  {
    route: 'PUT /api/schools/:schoolCode/graduates/:graduateId/destination',
    access: '401 403 403 403 403 403 403 403 403 403 403 ok 403 ok',
    fresh: 'rosterGraduate',
    request: (f) => ({
      path: `/api/schools/${S}/graduates/${f.graduateId}/destination`,
      body: { destination: 'FURTHER_STUDY', note: '考取研究生' },
    }),
  },
  // G has an active agreement: allowed callers are refused by its state (409).
  {
    route: 'POST /api/schools/:schoolCode/graduates/:graduateId/unlock',
    access: '401 403 403 403 403 403 403 403 403 403 403 409 403 409',
    request: (f) => ({
      path: `/api/schools/${S}/graduates/${f.graduateId}/unlock`,
      body: { reason: '误操作' },
    }),
  },
  {
    route: 'POST /api/schools/:schoolCode/graduates/:graduateId/paper-forms',
    access: '401 403 403 403 403 403 ok 403 403 ok 403 ok 403 403',
    fresh: 'rosterGraduate',
    request: (f) => ({
      path: `/api/schools/${S}/graduates/${f.graduateId}/paper-forms`,
      body: { formNo: `PF-${unique()}` },
    }),
  },
  {
    route: 'POST /api/schools/:schoolCode/graduates/:graduateId/paper-forms/reissue',
    access: '401 403 403 403 403 403 ok 403 403 ok 403 ok 403 403',
    fresh: 'paperForm',
    request: (f) => ({
      path: `/api/schools/${S}/graduates/${f.graduateId}/paper-forms/reissue`,
      body: { formNo: `PR-${unique()}`, reason: '遗失' },
    }),
  },
  {
    route: 'GET /api/schools/:schoolCode/paper-forms',
    access: '401 403 403  403  403  403  ok    ok   403  ok   ok   ok   403  403',
    request: path(`/api/schools/${S}/paper-forms`),
  },
  // ---- employers' documents -------------------------------------------------------------------
  {
    route: 'POST /api/employer/qualification-documents',
    access: '401 403 403 403 ok ok   403   403  403  403  403  403  403  403',
    request: (_f, m) => ({
      path: '/api/employer/qualification-documents',
      form: m.form({ kind: 'OTHER' }, [
        { field: 'file', name: 'letter.pdf', bytes: pdfBytes('recruitment letter') },
      ]),
    }),
  },
  {
    route: 'GET /api/employer/qualification-documents',
    access: '401 403 403 403 ok  ok   403   403  403  403  403  403  403  403',
  },
  // Another employer's document is not found (404), so ids cannot be probed.
  {
    route: 'GET /api/employer/qualification-documents/:documentId/content',
    access: '401 403 403 403 ok  404  403   403  403  403  403  403  403  403',
    request: (f) => ({ path: `/api/employer/qualification-documents/${f.documentId}/content` }),
  },
  {
    route: 'DELETE /api/employer/qualification-documents/:documentId',
    access: '401 403 403 403 ok  404  403   403  403  403  403  403  403  403',
    fresh: 'qualificationDocument',
    request: (f) => ({ path: `/api/employer/qualification-documents/${f.documentId}` }),
  },
  // Reviewers out of scope are told so (403), as every other role.
  {
    route: 'GET /api/agreements/:agreementId/qualification-documents',
    access: '401 403 403 403 403 403 ok 403 403 403 403 ok 403 403',
    request: (f) => ({ path: `/api/agreements/${f.agreementId}/qualification-documents` }),
  },
  {
    route: 'GET /api/agreements/:agreementId/qualification-documents/:documentId/content',
    access: '401 403 403 403 403 403 ok 403 403 403 403 ok 403 403',
    request: (f) => ({
      path: `/api/agreements/${f.agreementId}/qualification-documents/${f.documentId}/content`,
    }),
  },
  // ---- agreements, review, printing -----------------------------------------------------------
  {
    route: 'POST /api/agreements',
    access: '401  403  403  403  ok   ok   403   403  403  403  403  403  403  403',
    fresh: 'graduate',
    request: (f, m, actor) => ({
      path: '/api/agreements',
      body: { positionId: ownPosition(m, actor), graduate: f.identity, terms: TERMS },
    }),
  },
  {
    route: 'GET /api/agreements',
    access: '401  403  ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'GET /api/agreements/:agreementId',
    access: '401  403  ok   404  ok   404  ok    404  404  ok   404  ok   404  ok',
    request: (f) => ({ path: `/api/agreements/${f.agreementId}` }),
  },
  {
    route: 'GET /api/agreements/:id/pdf',
    access: '401  403  ok   404  ok   404  ok    404  404  ok   404  ok   404  ok',
    request: (f) => ({ path: `/api/agreements/${f.agreementId}/pdf` }),
  },
  {
    route: 'POST /api/agreements/:agreementId/review',
    access: '401 403 403  403  403  403  ok    403  403  403  403  ok   403  403',
    fresh: 'agreement',
    request: (f) => ({
      path: `/api/agreements/${f.agreementId}/review`,
      body: { decision: 'APPROVE', reason: '材料齐全' },
    }),
  },
  {
    route: 'GET /api/review-tasks',
    access: '401  403  403  403  403  403  ok    ok   ok   403  403  ok   ok   403',
  },
  {
    route: 'GET /api/review-tasks/:taskId',
    access: '401  403  403  403  403  403  ok    403  403  403  403  ok   403  403',
    request: (f) => ({ path: `/api/review-tasks/${f.taskId}` }),
  },
  {
    route: 'GET /api/print-records',
    access: '401  403  403  403  ok   ok   ok    ok   ok   403  403  ok   ok   ok',
  },
  {
    route: 'POST /api/print-records/:agreementId/re-render',
    access: '401 403 403 403 403 403 403   403  403  403  403  ok   403  ok',
    request: (f) => ({ path: `/api/print-records/${f.agreementId}/re-render` }),
  },
  // ---- method 3 -------------------------------------------------------------------------------
  {
    route: 'GET /api/qr-cards/:token',
    access: '401  403  403  403  ok   ok   403   403  403  403  403  403  403  403',
    request: (f) => ({ path: `/api/qr-cards/${f.qrToken}` }),
  },
  {
    route: 'POST /api/qr-cards/:token/agreements',
    access: '401 403  403  403  ok   ok   403   403  403  403  403  403  403  403',
    fresh: 'qrCard',
    request: (f, m, actor) => ({
      path: `/api/qr-cards/${f.qrToken}/agreements`,
      body: { positionId: ownPosition(m, actor), terms: TERMS },
    }),
  },
  // ---- recruiting (method 1) ------------------------------------------------------------------
  {
    route: 'POST /api/positions',
    access: '401  403  403  403  ok   ok   403   403  403  403  403  403  403  403',
    request: () => ({
      path: '/api/positions',
      body: {
        title: '前端开发工程师',
        location: '合肥',
        headcount: 2,
        salaryRange: '9k-13k',
        description: 'React',
      },
    }),
  },
  // An unbound WeChat session may not list positions: it may only bind (docs/api-additions.md).
  {
    route: 'GET /api/positions',
    access: '401  403  ok   ok   ok   ok   ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'PATCH /api/positions/:positionId',
    access: '401  403  403  403  ok   404  403   403  403  403  403  403  403  403',
    request: (f) => ({ path: `/api/positions/${f.positionId}`, body: { headcount: 4 } }),
  },
  {
    route: 'POST /api/positions/:positionId/close',
    access: '401 403 403  403  ok   404  403   403  403  403  403  403  403  403',
    fresh: 'position',
    request: (f) => ({ path: `/api/positions/${f.positionId}/close` }),
  },
  // G applied already (409); the other graduate applies.
  {
    route: 'POST /api/positions/:positionId/applications',
    access: '401 403 409 ok 403 403 403   403  403  403  403  403  403  403',
    request: (f) => ({ path: `/api/positions/${f.positionId}/applications`, body: {} }),
  },
  {
    route: 'GET /api/applications',
    access: '401  403  ok   ok   ok   ok   403   403  403  403  403  403  403  403',
  },
  {
    route: 'POST /api/applications/:applicationId/interview-invitations',
    access: '401 403 403 403 ok 404 403 403 403 403 403 403 403 403',
    fresh: 'application',
    request: (f) => ({
      path: `/api/applications/${f.applicationId}/interview-invitations`,
      body: { at: new Date(Date.now() + 86_400_000).toISOString(), place: '线上' },
    }),
  },
  {
    route: 'GET /api/interview-invitations',
    access: '401  403  ok   ok   ok   ok   403   403  403  403  403  403  403  403',
  },
  {
    route: 'POST /api/interview-invitations/:id/withdrawal',
    access: '401 403 403 403 ok 404  403   403  403  403  403  403  403  403',
    fresh: 'invitation',
    request: (f) => ({ path: `/api/interview-invitations/${f.invitationId}/withdrawal` }),
  },
  {
    route: 'POST /api/interview-invitations/:id/response',
    access: '401 403 ok 404 403 403  403   403  403  403  403  403  403  403',
    request: (f) => ({
      path: `/api/interview-invitations/${f.invitationId}/response`,
      body: { accept: false },
    }),
  },
  {
    route: 'POST /api/interview-invitations/:id/result',
    access: '401 403 403 403 ok 404    403   403  403  403  403  403  403  403',
    fresh: 'acceptedInvitation',
    request: (f) => ({
      path: `/api/interview-invitations/${f.acceptedInvitationId}/result`,
      body: { passed: false },
    }),
  },
  {
    route: 'GET /api/signing-offers',
    access: '401  403  ok   ok   ok   ok   403   403  403  403  403  403  403  403',
  },
  // G declines the offer (accepting would sign; G has an active agreement).
  {
    route: 'POST /api/signing-offers/:id/response',
    access: '401 403 ok  404  403  403  403   403  403  403  403  403  403  403',
    request: (f) => ({
      path: `/api/signing-offers/${f.offerId}/response`,
      body: { accept: false },
    }),
  },
  // ---- terminations ---------------------------------------------------------------------------
  // Either party may apply: G and G's employer find G's application open already (409); another
  // graduate or employer is not a party of G's agreement (404).
  {
    route: 'POST /api/terminations',
    access: '401  403  409  404  409  404  403   403  403  403  403  403  403  403',
    request: (f, m) => ({
      path: '/api/terminations',
      form: m.form({ agreementId: f.agreementId, reason: '个人原因' }, [
        { field: 'materials', name: 'letter.pdf', bytes: pdfBytes('letter') },
      ]),
    }),
  },
  // Parties list their own (another employer: an empty list).
  {
    route: 'GET /api/terminations',
    access: '401  403  ok   ok   ok   ok   403   403  403  ok   ok   ok   ok   403',
  },
  // Staff out of scope (another counsellor, another school's admin) are told so (403); another graduate or employer is not (404).
  {
    route: 'GET /api/terminations/:id',
    access: '401  403  ok   404  ok   404  403   403  403  ok   403  ok   403  403',
    request: (f) => ({ path: `/api/terminations/${f.terminationId}` }),
  },
  {
    route: 'GET /api/terminations/:id/materials/:materialId/content',
    access: '401 403 ok 404 ok 404 403 403 403 ok 403 ok 403 403',
    request: (f) => ({
      path: `/api/terminations/${f.terminationId}/materials/${f.materialId}/content`,
    }),
  },
  {
    route: 'POST /api/terminations/:id/decision',
    access: '401  403  403  403  403  403  403   403  403  ok   403  ok   403  403',
    fresh: 'termination',
    request: (f) => ({
      path: `/api/terminations/${f.terminationId}/decision`,
      body: { decision: 'DISAGREE', reason: '材料不全' },
    }),
  },
  // Last among the termination rows: G withdraws the application the rows above read. Only the
  // party that applied may: G's employer reads it but may not withdraw it (403).
  {
    route: 'POST /api/terminations/:id/withdrawal',
    access: '401 403  ok   404  403  404  403   403  403  403  403  403  403  403',
    request: (f) => ({ path: `/api/terminations/${f.terminationId}/withdrawal` }),
  },
  // ---- statistics, dispatch, operations -------------------------------------------------------
  {
    route: 'GET /api/statistics/online-signing',
    access: '401  403  403  403  403  403  ok    ok   ok   ok   ok   ok   ok   ok',
  },
  {
    route: 'POST /api/statistics/online-signing/snapshots',
    access: '401 403 403 403 403 403 403  403  403  403  403  403  403  ok',
  },
  // Today's snapshot (taken by the row above) holds the schools with graduates: another school's staff find none (404).
  {
    route: 'GET /api/statistics/online-signing/snapshots/:day',
    access: '401 403 403 403 403 403 ok ok 404  ok   ok   ok   404  ok',
    request: () => ({ path: `/api/statistics/online-signing/snapshots/${today()}` }),
  },
  {
    route: 'GET /api/dispatch/records',
    access: '401  403  403  403  403  403  403   403  403  403  403  403  403  ok',
  },
  // The record was delivered, not dead: the province admin is refused by its state (409).
  {
    route: 'POST /api/dispatch/records/:id/replay',
    access: '401 403 403  403  403  403  403   403  403  403  403  403  403  409',
    request: (f) => ({ path: `/api/dispatch/records/${f.dispatchRecordId}/replay` }),
  },
  {
    route: 'POST /api/dispatch/reconciliation',
    access: '401  403  403  403  403  403  403   403  403  403  403  403  403  ok',
    request: () => ({ path: '/api/dispatch/reconciliation', body: { acknowledged: {} } }),
  },
  {
    route: 'GET /api/dispatch/metrics',
    access: '401  403  403  403  403  403  403   403  403  403  403  403  403  ok',
  },
  {
    route: 'GET /api/ops/parked-events/:service',
    access: '401  403  403  403  403  403  403   403  403  403  403  403  403  ok',
    request: path('/api/ops/parked-events/identity'),
  },
  // No such parked event (404 for the province admin, who may replay one).
  {
    route: 'POST /api/ops/parked-events/:service/:id/replay',
    access: '401 403 403 403 403 403 403 403 403 403 403 403 403 404',
    request: () => ({ path: '/api/ops/parked-events/identity/999999999/replay' }),
  },
  // Last: a new card voids the graduate's earlier ones (issue 12), and the QR-card rows above read G's shared card.
  {
    route: 'POST /api/me/qr-card',
    access: '401  403  ok   ok   403  403  403   403  403  403  403  403  403  403',
  },
];

/** The outcomes of a row, keyed by actor; throws on a malformed row. */
export function outcomesOf(row: MatrixRow): Record<Actor, Outcome> {
  const cells = row.access.trim().split(/\s+/);
  if (cells.length !== ACTORS.length)
    throw new Error(`${row.route}: ${cells.length} outcomes, expected ${ACTORS.length}`);
  return Object.fromEntries(
    ACTORS.map((actor, i) => {
      const cell = cells[i]!;
      if (cell !== 'ok' && !/^\d{3}$/.test(cell))
        throw new Error(`${row.route}: bad outcome ${cell}`);
      return [actor, cell === 'ok' ? 'ok' : Number(cell)];
    }),
  ) as Record<Actor, Outcome>;
}

/** `GET /api/agreements/:agreementId` → `GET /api/agreements/:` (parameter names differ between routes sharing a node). */
export function canonicalRoute(route: string): string {
  return route.replace(/:[^/]+/g, ':');
}

export { OTHER_SCHOOL };
