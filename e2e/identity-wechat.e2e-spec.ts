import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { offerSent } from '@netsign/contracts';
import { EventProbe, waitFor } from '@netsign/testing';
import pg from 'pg';
import { startWechatFake, type WechatFake } from '../apps/wechat-fake/src/wechat-fake.js';
import { idNumberCheckChar } from '../apps/identity/src/modules/roster/domain/id-number.js';
import { maskedIdNumber } from './support/masking.js';
import { startPlatform, type Platform } from './support/platform.js';
import { documentChecker } from './support/openapi-conformance.js';

const id = (n: number) => {
  const first17 = `34010420030101${String(n).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};
const graduate = (n: number) => ({
  studentNo: `W${n}`,
  name: `微信${n}`,
  gender: '女',
  idNumber: id(n),
  departmentCode: 'CS',
  major: '软件工程',
  degree: '本科',
  className: 'CS2201',
  originPlace: '安徽合肥',
  graduationYear: 2026,
});

describe('identity through the gateway: WeChat login and binding, source info, inbox, rate limits', () => {
  let p: Platform;
  let wechat: WechatFake;
  let probe: EventProbe;
  const t: Record<string, string> = {};
  const wxLogin = async (openId: string) => {
    const res = await p.http('POST', '/api/auth/wechat/login', {
      body: { code: `code-${openId}` },
    });
    expect(res.status).toBe(200);
    return res.body as { accessToken: string; bound: boolean };
  };
  const bind = (token: string, body: object) =>
    p.http('POST', '/api/auth/wechat/bind', { token, body });

  beforeAll(async () => {
    wechat = await startWechatFake();
    p = await startPlatform('identity_wx', {
      services: ['identity'],
      vars: {
        BOOTSTRAP_ADMIN_PASSWORD: 'province-secret-1',
        WECHAT_API_BASE: wechat.url,
        WECHAT_TIMEOUT_MS: '1500',
        WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl-inbox',
      },
    });
    probe = await EventProbe.start(p.env.vars['NATS_URL']!, p.env.busPrefix, 'identity');
    const login = async (username: string, password: string) =>
      (await p.http('POST', '/api/auth/login', { body: { username, password } })).body
        .accessToken as string;
    t.admin = await login('admin', 'province-secret-1');
    await p.http('POST', '/api/schools', {
      token: t.admin,
      body: { code: 'S1', name: '一号学校', departments: [{ code: 'CS', name: '计算机' }] },
    });
    await p.http('POST', '/api/schools/S1/staff', {
      token: t.admin,
      body: { username: 'sa1', password: 'school-admin-1', role: 'SCHOOL_ADMIN' },
    });
    await p.http('POST', '/api/schools/S1/staff', {
      token: t.admin,
      body: {
        username: 'cs1',
        password: 'dept-staff-1',
        role: 'DEPARTMENT_STAFF',
        departmentCode: 'CS',
      },
    });
    t.schoolAdmin = await login('sa1', 'school-admin-1');
    t.deptStaff = await login('cs1', 'dept-staff-1');
    const imported = await p.http('POST', '/api/schools/S1/roster', {
      token: t.schoolAdmin,
      body: { graduates: [1, 2, 3, 4].map(graduate) },
    });
    expect(imported.body).toMatchObject({ created: 4 });
  }, 60_000);
  afterAll(async () => {
    await probe?.stop();
    await p?.close();
    await wechat?.close();
  });

  it('exchanges the code with WeChat: unbound session; a bad code is 401 with the reason', async () => {
    const first = await wxLogin('openA');
    expect(first.bound).toBe(false);
    const me = await p.http('GET', '/api/me', { token: first.accessToken });
    expect(me.body).toEqual({ userId: 'wechat:openA', role: 'WECHAT_UNBOUND', openId: 'openA' });
    t.unboundA = first.accessToken;
    const bad = await p.http('POST', '/api/auth/wechat/login', { body: { code: 'bad-code' } });
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ code: 'UNAUTHENTICATED', details: { wechatErrcode: 40029 } });
    const busy = await p.http('POST', '/api/auth/wechat/login', { body: { code: 'busy-code' } });
    expect(busy.status).toBe(503);
    expect((await p.http('POST', '/api/auth/wechat/login', { body: {} })).status).toBe(400);
    // An unbound session may only bind.
    expect((await p.http('GET', '/api/schools/S1/graduates', { token: t.unboundA })).status).toBe(
      403,
    );
    expect(
      (await p.http('POST', '/api/me/source-info/confirmation', { token: t.unboundA })).status,
    ).toBe(403);
  });

  it('binds on an exact roster match only, never saying which field differs', async () => {
    const right = { schoolCode: 'S1', name: '微信1', studentNo: 'W1', idNumber: id(1) };
    // (Each attempt counts towards the session's limit of 10 a minute: 6 here.)
    for (const wrong of [
      { ...right, name: '别人' },
      { ...right, idNumber: id(2) },
      { ...right, studentNo: 'W9' },
      { ...right, schoolCode: 'S9' },
    ]) {
      const res = await bind(t.unboundA!, wrong);
      expect(res.status).toBe(422);
      expect(res.body).toEqual({
        code: 'ROSTER_MISMATCH',
        message: '信息与学校生源信息不一致',
        details: {},
      });
    }
    const badCheckDigit = await bind(t.unboundA!, {
      ...right,
      studentNo: 'W2',
      idNumber: `${id(1).slice(0, 17)}Y`,
    });
    expect(badCheckDigit.status).toBe(400);
    const ok = await bind(t.unboundA!, right);
    expect(ok.status).toBe(200);
    expect(ok.body.graduate).toMatchObject({
      studentNo: 'W1',
      idNumberMasked: maskedIdNumber(id(1)),
    });
    t.graduateA = ok.body.accessToken;
    t.graduateAId = ok.body.graduate.graduateId;
    expect((await wxLogin('openA')).bound).toBe(true);
    expect((await bind(t.graduateA!, { ...right, studentNo: 'W2' })).status).toBe(403); // a bound session cannot bind again
    const other = await wxLogin('openB');
    const taken = await bind(other.accessToken, right);
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ALREADY_BOUND');
  });

  it('shows the graduate their source info, masked, and takes a correction to the school admin', async () => {
    const me = await p.http('GET', '/api/me', { token: t.graduateA });
    expect(me.body).toMatchObject({
      role: 'GRADUATE',
      graduate: { name: '微信1', sourceInfoConfirmed: false, sourceInfoConfirmedAt: null },
    });
    expect(JSON.stringify(me.body)).not.toContain(id(1));
    const request = (body: object, token = t.graduateA) =>
      p.http('POST', '/api/me/source-info/corrections', { token, body });
    expect((await request({ changes: {}, reason: '无' })).status).toBe(400);
    expect((await request({ changes: { idNumber: id(3) }, reason: '改身份证' })).status).toBe(400);
    const created = await request({
      changes: { major: '计算机科学与技术' },
      reason: '专业名称有误',
    });
    expect(created.status).toBe(201);
    // Beside each change, the value it would replace (the graduate's record now).
    expect(created.body).toMatchObject({
      status: 'PENDING',
      changes: { major: '计算机科学与技术' },
      before: { major: '软件工程' },
    });
    expect((await request({ changes: { major: 'X' }, reason: '再来' })).body.code).toBe(
      'INVALID_STATE',
    );
    expect((await request({ changes: { major: 'X' }, reason: '再来' }, t.schoolAdmin)).status).toBe(
      403,
    );
    expect(
      (await p.http('POST', '/api/me/source-info/confirmation', { token: t.graduateA })).body.code,
    ).toBe('INVALID_STATE');

    expect(
      (await p.http('GET', '/api/schools/S1/source-info-corrections', { token: t.deptStaff }))
        .status,
    ).toBe(403);
    const list = await p.http('GET', '/api/schools/S1/source-info-corrections?status=PENDING', {
      token: t.schoolAdmin,
    });
    expect(list.body).toHaveLength(1);
    expect(list.body[0].before).toEqual({ major: '软件工程' }); // the changed fields only
    const decide = (body: object, token = t.schoolAdmin) =>
      p.http('POST', `/api/schools/S1/source-info-corrections/${created.body.id}/decision`, {
        token,
        body,
      });
    expect((await decide({ decision: 'REJECT' })).status).toBe(400);
    expect((await decide({ decision: 'APPROVE' }, t.graduateA)).status).toBe(403);
    expect((await decide({ decision: 'APPROVE' }, t.deptStaff)).status).toBe(403);
    const approved = await decide({ decision: 'APPROVE' });
    expect(approved.body).toMatchObject({ status: 'APPROVED' });
    expect((await decide({ decision: 'APPROVE' })).body.code).toBe('INVALID_STATE');
    const after = await p.http('GET', '/api/me', { token: t.graduateA });
    expect(after.body.graduate.major).toBe('计算机科学与技术');
    // Once approved the record holds the new value: `before` is what the approval replaced.
    expect(approved.body).toMatchObject({
      changes: { major: '计算机科学与技术' },
      before: { major: '软件工程' },
    });
    const decided = await p.http('GET', '/api/schools/S1/source-info-corrections?status=APPROVED', {
      token: t.schoolAdmin,
    });
    expect(decided.body.map((c: any) => [c.id, c.before])).toEqual([
      [created.body.id, { major: '软件工程' }],
    ]);
  });

  it('delivers inbox items from its own and other services’ events, with unread count and read marks', async () => {
    // The correction decision of the previous test was pushed to the graduate's WeChat; the
    // access token then goes stale, and the next push fetches a new one and still arrives.
    await waitFor(() => wechat.subscribeMessages.length >= 1, { what: 'first subscribe message' });
    wechat.expireAccessToken();
    // A signing offer as recruiting announces it (published straight to recruiting's stream).
    const nc = await connect({ servers: p.env.vars['NATS_URL']! });
    const envelope = {
      id: randomUUID(),
      type: offerSent.type,
      version: offerSent.version,
      occurredAt: new Date().toISOString(),
      aggregateId: 'offer-1',
      actor: null,
      correlationId: 'e2e',
      payload: {
        offerId: 'offer-1',
        positionTitle: 'Java 工程师',
        expiresAt: null,
        employerId: 'e1',
        graduateId: t.graduateAId,
      },
    };
    await jetstream(nc).publish(
      `${p.env.busPrefix}.${offerSent.subject}`,
      JSON.stringify(envelope),
      { msgID: envelope.id },
    );
    await nc.close();
    const inbox = await waitFor(
      async () => {
        const res = await p.http('GET', '/api/me/notifications', { token: t.graduateA });
        return res.body.total >= 2 ? res.body : undefined;
      },
      { what: 'the correction and offer notifications' },
    );
    expect(inbox).toMatchObject({ unread: 2, total: 2 });
    const pushed = await waitFor(
      () => wechat.subscribeMessages.length >= 2 && wechat.subscribeMessages,
      { what: 'both subscribe messages' },
    );
    expect(pushed.map((m) => [m.touser, m.template_id, m.data['thing1']?.value])).toEqual([
      ['openA', 'tmpl-inbox', expect.any(String)],
      ['openA', 'tmpl-inbox', '签约通知'],
    ]);
    expect(JSON.stringify(pushed)).not.toContain(id(1)); // no ID number leaves for WeChat
    expect(inbox.items).toHaveLength(2);
    expect(inbox.items.map((n: any) => n.kind).sort()).toEqual([
      'SIGNING_OFFER',
      'SOURCE_INFO_CORRECTION_DECIDED',
    ]);
    const nid = inbox.items.find((n: any) => n.kind === 'SIGNING_OFFER').id;
    expect(
      (await p.http('POST', `/api/me/notifications/${nid}/read`, { token: t.schoolAdmin })).status,
    ).toBe(404);
    expect(
      (await p.http('POST', `/api/me/notifications/${nid}/read`, { token: t.graduateA })).status,
    ).toBe(200);
    const unread = await p.http('GET', '/api/me/notifications?unreadOnly=true', {
      token: t.graduateA,
    });
    expect(unread.body).toMatchObject({
      total: 1,
      unread: 1,
      items: [{ kind: 'SOURCE_INFO_CORRECTION_DECIDED' }],
    });
    expect(
      (await p.http('GET', '/api/me/notifications', { token: t.schoolAdmin })).body,
    ).toMatchObject({ total: 0, items: [] });
    expect((await p.http('GET', '/api/me/notifications')).status).toBe(401);
  });

  it('confirms the source info once and announces it', async () => {
    expect(
      (await p.http('POST', '/api/me/source-info/confirmation', { token: t.schoolAdmin })).status,
    ).toBe(403);
    const confirmed = await p.http('POST', '/api/me/source-info/confirmation', {
      token: t.graduateA,
    });
    expect(confirmed.status).toBe(200);
    const again = await p.http('POST', '/api/me/source-info/confirmation', { token: t.graduateA });
    expect(again.body.confirmedAt).toBe(confirmed.body.confirmedAt);
    const event = await waitFor(() => probe.ofType('identity.graduate.source-info-confirmed')[0], {
      what: 'confirmed event',
    });
    expect(event.payload).toEqual({
      graduateId: t.graduateAId,
      schoolCode: 'S1',
      confirmedAt: confirmed.body.confirmedAt,
    });
    await waitFor(() => probe.ofType('identity.graduate.roster-upserted').length >= 5, {
      what: 'roster events',
    });
    expect(JSON.stringify(probe.events)).not.toContain(id(1));
  });

  it('lets the school admin release a binding (audited); the old session stops working', async () => {
    const path = `/api/schools/S1/graduates/${t.graduateAId}/wechat-binding`;
    expect((await p.http('DELETE', path, { token: t.deptStaff })).status).toBe(403);
    expect((await p.http('DELETE', path, { token: t.graduateA })).status).toBe(403);
    expect(
      (
        await p.http(
          'DELETE',
          `/api/schools/S1/graduates/00000000-0000-4000-8000-000000000000/wechat-binding`,
          { token: t.schoolAdmin },
        )
      ).status,
    ).toBe(404);
    expect((await p.http('DELETE', path, { token: t.schoolAdmin })).body).toEqual({
      released: true,
    });
    expect((await p.http('DELETE', path, { token: t.schoolAdmin })).body).toEqual({
      released: false,
    });
    expect((await p.http('GET', '/api/me', { token: t.graduateA })).status).toBe(401);
    const rebound = await bind((await wxLogin('openB')).accessToken, {
      schoolCode: 'S1',
      name: '微信1',
      studentNo: 'W1',
      idNumber: id(1),
    });
    expect(rebound.status).toBe(200);
    const db = new pg.Client({ connectionString: p.env.databaseUrl });
    await db.connect();
    const audit = await db.query(
      `SELECT action, actor_role, before, after FROM identity.audit_log WHERE action LIKE 'WECHAT_%' ORDER BY id`,
    );
    await db.end();
    expect(audit.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['WECHAT_BIND_REJECTED', 'WECHAT_BOUND', 'WECHAT_RELEASED']),
    );
    expect(audit.rows.find((r) => r.action === 'WECHAT_RELEASED')).toMatchObject({
      actor_role: 'SCHOOL_ADMIN',
      before: { wechatOpenId: 'openA' },
      after: { wechatOpenId: null },
    });
  });

  it('rate-limits binding per WeChat session and login per account: 429 RATE_LIMITED', async () => {
    const session = (await wxLogin('openC')).accessToken;
    const guess = { schoolCode: 'S1', name: '微信3', studentNo: 'W3', idNumber: id(9) };
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await bind(session, guess)).status);
    // Ten mismatches (the record's hourly limit is 10 too), then the session's limit of 10 a minute.
    expect(codes).toEqual([...Array<number>(10).fill(422), 429]);
    const limited = await bind(session, guess);
    expect(limited.body).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.any(String),
      details: { retryAfterSeconds: expect.any(Number) },
    });
    const logins: number[] = [];
    for (let i = 0; i < 11; i++) {
      logins.push(
        (
          await p.http('POST', '/api/auth/login', {
            body: { username: 'nobody-x', password: 'wrong' },
          })
        ).status,
      );
    }
    expect(logins.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(logins[10]).toBe(429);
    // Another account from the same address is not blocked by that account's limit.
    expect(
      (
        await p.http('POST', '/api/auth/login', {
          body: { username: 'cs1', password: 'dept-staff-1' },
        })
      ).status,
    ).toBe(200);
    // Many records guessed from one session: the per-session limit (BIND_LIMIT_PER_SESSION, 10/min)
    // stops it; the per-address one is generous (a campus shares one address), see
    // e2e/hardening-sessions.e2e-spec.ts.
    let status = 0;
    for (let i = 0; i < 40 && status !== 429; i++) {
      status = (await bind(session, { ...guess, studentNo: `X${i}` })).status;
    }
    expect(status).toBe(429);
  });

  it('answers 503 UPSTREAM_UNAVAILABLE when WeChat cannot be reached', async () => {
    const port = wechat.port;
    await wechat.close();
    const down = await p.http('POST', '/api/auth/wechat/login', { body: { code: 'code-openD' } });
    expect(down.status).toBe(503);
    expect(down.body.code).toBe('UPSTREAM_UNAVAILABLE');
    wechat = await startWechatFake({ port });
    expect((await wxLogin('openD')).bound).toBe(false);
  });

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(p)).checkAll(p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'wechatLogin',
        'wechatBind',
        'getMe',
        'listNotifications',
        'confirmSourceInfo',
      ]),
    );
  });
});
