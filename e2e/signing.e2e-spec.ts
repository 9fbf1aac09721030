import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { reviewDecided, terminationDecided, type EventContract } from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { createServiceDataSource } from '@netsign/persistence';
import { EventProbe, waitFor } from '@netsign/testing';
import type { DataSource } from 'typeorm';
import { signQrToken } from '../apps/signing/src/modules/qr-cards/domain/qr-card-token.js';
import { maskedIdNumber } from './support/masking.js';
import {
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type SigningWorld,
} from './support/signing-world.js';
import { documentChecker } from './support/openapi-conformance.js';

/**
 * Methods 2 and 3, destinations, scoped reading, review decisions applied, and the one-active-
 * agreement rule under 50 concurrent signings — all through the gateway, identity real.
 */
describe('signing through the gateway', () => {
  let w: SigningWorld;
  let autonomous: Employer;
  let dependent: Employer;
  let probe: EventProbe;
  let db: DataSource;
  const sign = (e: Employer, identity: object, terms: object = TERMS, positionId = e.positionId) =>
    w.p.http('POST', '/api/agreements', {
      token: e.token,
      body: { positionId, graduate: identity, terms },
    });

  beforeAll(async () => {
    w = await startSigningWorld('signing', 40);
    probe = await EventProbe.start(w.p.env.vars['NATS_URL']!, w.p.env.busPrefix, 'signing');
    autonomous = await w.employer(1, true);
    dependent = await w.employer(2, false);
    db = createServiceDataSource({
      url: w.p.env.databaseUrl,
      schema: 'review',
      entities: [],
      migrations: [],
    });
    await db.initialize();
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await probe?.stop();
    await w?.close();
  });

  it('method 2: signs PENDING_REVIEW with snapshots, number and history; every error answers its code', async () => {
    const g = await w.graduate(1);
    const unconfirmed = await w.graduate(2, { confirm: false });
    const mismatch = await sign(autonomous, { ...g.identity, name: '别人' });
    expect([mismatch.status, mismatch.body.code]).toEqual([422, 'ROSTER_MISMATCH']);
    const notConfirmed = await sign(autonomous, unconfirmed.identity);
    expect([notConfirmed.status, notConfirmed.body.code]).toEqual([
      409,
      'SOURCE_INFO_NOT_CONFIRMED',
    ]);
    const noAuthority = await sign(dependent, g.identity, { ...TERMS, superiorAuthority: null });
    expect([noAuthority.status, noAuthority.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(noAuthority.body.details.fields).toEqual([
      expect.objectContaining({ field: 'terms.superiorAuthority' }),
    ]);
    const foreignPosition = await sign(dependent, g.identity, TERMS, autonomous.positionId);
    expect([foreignPosition.status, foreignPosition.body.code]).toEqual([404, 'NOT_FOUND']);
    const badBody = await w.p.http('POST', '/api/agreements', {
      token: autonomous.token,
      body: { positionId: 'x', terms: {} },
    });
    expect([badBody.status, badBody.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await w.p.http('POST', '/api/agreements', { token: g.token, body: {} })).status).toBe(
      403,
    );

    const res = await sign(autonomous, g.identity);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      agreementId: expect.any(String),
      agreementNo: expect.stringMatching(/^20\d\d-10357-\d{6}$/),
      status: 'PENDING_REVIEW',
      method: 'EMPLOYER_DIRECT',
    });
    const again = await sign(dependent, g.identity);
    expect([again.status, again.body.code]).toEqual([409, 'GRADUATE_NOT_AVAILABLE']);

    const read = await w.p.http('GET', `/api/agreements/${res.body.agreementId}`, {
      token: g.token,
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      id: res.body.agreementId,
      status: 'PENDING_REVIEW',
      method: 'EMPLOYER_DIRECT',
      version: 1,
      graduate: {
        graduateId: g.graduateId,
        name: '学生1',
        idNumberMasked: maskedIdNumber(g.identity.idNumber),
      },
      employer: { employerId: autonomous.employerId, hasHiringAutonomy: true },
      position: { positionId: autonomous.positionId, title: '后端开发工程师-1' },
      terms: TERMS,
      history: [
        {
          from: null,
          to: 'PENDING_REVIEW',
          actor: { role: 'EMPLOYER' },
          reason: null,
          at: expect.any(String),
        },
      ],
    });
    expect(JSON.stringify(read.body)).not.toContain(g.identity.idNumber);
    const signed = await waitFor(() =>
      probe.ofType('signing.agreement.signed').find((e) => e.aggregateId === res.body.agreementId),
    );
    expect(signed.payload).toMatchObject({
      offerId: null,
      agreement: { agreementNo: res.body.agreementNo, version: 1 },
    });
    expect(JSON.stringify(signed)).not.toContain(g.identity.idNumber);
    await waitFor(() =>
      probe
        .ofType('signing.destination.changed')
        .find((e) => (e.payload as any).graduateId === g.graduateId),
    );
  });

  it('reads agreements in scope: own, school, department; others 404; paged and filtered', async () => {
    const g = await w.graduate(5); // department LAW
    const law = await sign(dependent, g.identity);
    expect(law.status).toBe(201);
    const list = (token: string, query = '') =>
      w.p.http('GET', `/api/agreements${query}`, { token });
    const mine = await list(dependent.token);
    expect(mine.body).toMatchObject({ total: 1, items: [{ id: law.body.agreementId }] });
    expect((await list(autonomous.token)).body.items.map((a: any) => a.id)).not.toContain(
      law.body.agreementId,
    );
    expect((await list(w.schoolAdmin)).body.total).toBeGreaterThanOrEqual(2);
    expect((await list(w.admin, '?method=QR_CARD')).body.total).toBe(0);
    expect((await list(w.admin, '?status=PENDING_REVIEW&pageSize=1')).body.items).toHaveLength(1);
    const { issueToken } = await import('../e2e/support/tokens.js');
    const csStaff = await issueToken(w.p, {
      userId: 'cs',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'CS',
    });
    const lawStaff = await issueToken(w.p, {
      userId: 'law',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'LAW',
    });
    const otherSchool = await issueToken(w.p, {
      userId: 'x',
      role: 'SCHOOL_ADMIN',
      schoolCode: '99999',
    });
    expect(
      (await w.p.http('GET', `/api/agreements/${law.body.agreementId}`, { token: lawStaff }))
        .status,
    ).toBe(200);
    for (const token of [csStaff, otherSchool, autonomous.token]) {
      const res = await w.p.http('GET', `/api/agreements/${law.body.agreementId}`, { token });
      expect([res.status, res.body.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect((await list(w.admin, '?status=NOPE')).status).toBe(400);
    // Search: by agreement number, student number, the start of a name; never beyond the scope.
    const ids = async (token: string, q: string) =>
      (await list(token, `?q=${encodeURIComponent(q)}`)).body.items.map(
        (a: { id: string }) => a.id,
      );
    expect(await ids(w.schoolAdmin, law.body.agreementNo)).toEqual([law.body.agreementId]);
    expect(await ids(w.schoolAdmin, g.identity.studentNo)).toEqual([law.body.agreementId]);
    expect(await ids(w.schoolAdmin, g.identity.name)).toContain(law.body.agreementId);
    expect(await ids(csStaff, law.body.agreementNo)).toEqual([]);
    expect(await ids(autonomous.token, law.body.agreementNo)).toEqual([]);
    expect(await ids(w.schoolAdmin, '%')).toEqual([]); // a wildcard is just a character
  });

  it('method 3: QR card without personal data; masked view; forged 4xx, expired 410; signs QR_CARD', async () => {
    const g = await w.graduate(3);
    const card = await w.p.http('POST', '/api/me/qr-card', { token: g.token });
    expect(card.status).toBe(201);
    expect(card.body).toEqual({
      token: expect.any(String),
      url: expect.stringContaining(card.body.token),
      qrPng: expect.stringMatching(/^data:image\/png;base64,/),
      expiresAt: expect.any(String),
    });
    // The card opens the portal's method-3 page on the employer's phone.
    expect(card.body.url.endsWith(`/qr/${card.body.token}`)).toBe(true);
    const claims = Buffer.from(card.body.token.split('.')[1], 'base64url');
    expect(claims).toHaveLength(20); // card id + expiry, nothing personal
    for (const secret of [
      g.graduateId,
      g.identity.name,
      g.identity.studentNo,
      g.identity.idNumber,
    ]) {
      expect(card.body.token).not.toContain(secret);
      expect(claims.toString('latin1')).not.toContain(secret);
    }
    expect(new Date(card.body.expiresAt).getTime()).toBeGreaterThan(Date.now());

    const open = await w.p.http('GET', `/api/qr-cards/${card.body.token}`, {
      token: autonomous.token,
    });
    expect(open.status).toBe(200);
    expect(open.body).toMatchObject({
      available: true,
      graduate: { name: '学生3', idNumberMasked: maskedIdNumber(g.identity.idNumber) },
    });
    expect(JSON.stringify(open.body)).not.toContain(g.identity.idNumber);
    expect(
      (await w.p.http('GET', `/api/qr-cards/${card.body.token}`, { token: g.token })).status,
    ).toBe(403);

    const [prefix, payload, mac] = card.body.token.split('.');
    const forged = await w.p.http(
      'GET',
      `/api/qr-cards/${prefix}.${payload}.${mac.slice(0, -4)}AAAA`,
      { token: autonomous.token },
    );
    expect([forged.status, forged.body.code]).toEqual([404, 'NOT_FOUND']);
    const garbage = await w.p.http('GET', '/api/qr-cards/not-a-card', { token: autonomous.token });
    expect([garbage.status, garbage.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const [key] = (await w.p.services
      .get('signing')!
      .dataSource.query(`SELECT secret FROM qr_card_keys`)) as Array<{ secret: Buffer }>;
    const [{ id: cardId }] = (await w.p.services
      .get('signing')!
      .dataSource.query(`SELECT id FROM qr_cards WHERE graduate_id = $1`, [
        g.graduateId,
      ])) as Array<{ id: string }>;
    const expired = signQrToken({ cardId, expiresAt: new Date(Date.now() - 1000) }, key!.secret);
    const gone = await w.p.http('POST', `/api/qr-cards/${expired}/agreements`, {
      token: autonomous.token,
      body: { positionId: autonomous.positionId, terms: TERMS },
    });
    expect([gone.status, gone.body.code]).toEqual([410, 'QR_CARD_EXPIRED']);

    const res = await w.p.http('POST', `/api/qr-cards/${card.body.token}/agreements`, {
      token: autonomous.token,
      body: { positionId: autonomous.positionId, terms: TERMS },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'PENDING_REVIEW', method: 'QR_CARD' });
    const after = await w.p.http('GET', `/api/qr-cards/${card.body.token}`, {
      token: dependent.token,
    });
    expect(after.body.available).toBe(false);
    const listed = await w.p.http('GET', '/api/agreements?method=QR_CARD', { token: g.token });
    expect(listed.body).toMatchObject({
      total: 1,
      items: [{ id: res.body.agreementId, status: 'PENDING_REVIEW', method: 'QR_CARD' }],
    });
  });

  it('destinations: offline destination blocks signing; unlock needs a reason and is audited; then signing works', async () => {
    const g = await w.graduate(6);
    const path = `/api/schools/${SCHOOL}/graduates/${g.graduateId}`;
    await waitFor(
      async () =>
        (
          await w.p.http('PUT', `${path}/destination`, {
            token: w.schoolAdmin,
            body: { destination: 'SIGNED_OFFLINE', note: '纸质协议' },
          })
        ).status === 200,
      { what: 'projection of graduate 6' },
    );
    const blocked = await sign(autonomous, g.identity);
    expect([blocked.status, blocked.body.code]).toEqual([409, 'GRADUATE_NOT_AVAILABLE']);
    // Issue 18: a 毕业去向代码 must belong to the category; the answer names it.
    const misfit = await w.p.http('PUT', `${path}/destination`, {
      token: w.schoolAdmin,
      body: { destination: 'FURTHER_STUDY', destinationCode: '10' },
    });
    expect([misfit.status, misfit.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(misfit.body.details.fields).toEqual([
      expect.objectContaining({ field: 'destinationCode' }),
    ]);
    const offline = await w.p.http('PUT', `${path}/destination`, {
      token: w.schoolAdmin,
      body: { destination: 'SIGNED_OFFLINE', destinationCode: '10', note: '纸质协议' },
    });
    expect(offline.body).toMatchObject({
      destinationCode: '10',
      destinationName: '签就业协议形式就业',
    });
    expect(
      (
        await w.p.http('PUT', `${path}/destination`, {
          token: w.schoolAdmin,
          body: { destination: 'SIGNED_ONLINE' },
        })
      ).status,
    ).toBe(400);
    expect(
      (await w.p.http('POST', `${path}/unlock`, { token: w.schoolAdmin, body: { reason: '' } }))
        .status,
    ).toBe(400);
    expect(
      (await w.p.http('POST', `${path}/unlock`, { token: g.token, body: { reason: 'x' } })).status,
    ).toBe(403);
    const { issueToken } = await import('../e2e/support/tokens.js');
    const otherAdmin = await issueToken(w.p, {
      userId: 'x',
      role: 'SCHOOL_ADMIN',
      schoolCode: '99999',
    });
    expect(
      (
        await w.p.http('POST', `/api/schools/99999/graduates/${g.graduateId}/unlock`, {
          token: otherAdmin,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await w.p.http('POST', `${path}/unlock`, { token: otherAdmin, body: { reason: 'x' } }))
        .status,
    ).toBe(403);
    const unlocked = await w.p.http('POST', `${path}/unlock`, {
      token: w.schoolAdmin,
      body: { reason: '线下协议已解除' },
    });
    expect(unlocked.body).toMatchObject({
      destination: 'AWAITING_EMPLOYMENT',
      destinationCode: '70',
      destinationName: '待就业',
    });
    const signed = await sign(autonomous, g.identity);
    expect(signed.status).toBe(201);
    // The school's roster shows it: destination and the active agreement, beside identity's record.
    const listed = await w.p.http(
      'GET',
      `/api/schools/${SCHOOL}/graduates?q=${g.identity.studentNo}`,
      { token: w.schoolAdmin },
    );
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        graduateId: g.graduateId,
        studentNo: g.identity.studentNo,
        destination: 'SIGNED_ONLINE',
        activeAgreement: {
          agreementId: signed.body.agreementId,
          agreementNo: signed.body.agreementNo,
          status: 'PENDING_REVIEW',
        },
      }),
    ]);
    // Filtered by destination (identity's copy of signing's announcements, a moment behind).
    const byDestination = (d: string) =>
      w.p.http('GET', `/api/schools/${SCHOOL}/graduates?pageSize=200&destination=${d}`, {
        token: w.schoolAdmin,
      });
    await waitFor(
      async () =>
        (await byDestination('SIGNED_ONLINE')).body.items.some(
          (x: { graduateId: string }) => x.graduateId === g.graduateId,
        ),
      { what: 'listed as signed online' },
    );
    const awaiting = (await byDestination('AWAITING_EMPLOYMENT')).body;
    expect(
      awaiting.items.every((x: { destination: string }) => x.destination === 'AWAITING_EMPLOYMENT'),
    ).toBe(true);
    expect(awaiting.items.map((x: { graduateId: string }) => x.graduateId)).not.toContain(
      g.graduateId,
    );
    expect((await byDestination('SOMEWHERE')).status).toBe(400);
    const others = await w.p.http('GET', `/api/schools/${SCHOOL}/graduates?pageSize=200`, {
      token: w.schoolAdmin,
    });
    expect(
      others.body.items.find(
        (x: { graduateId: string; activeAgreement: unknown }) =>
          x.graduateId !== g.graduateId && x.activeAgreement === null,
      ),
    ).toMatchObject({ destination: expect.any(String), activeAgreement: null });
    const locked = await w.p.http('POST', `${path}/unlock`, {
      token: w.schoolAdmin,
      body: { reason: '试试' },
    });
    expect([locked.status, locked.body.code]).toEqual([409, 'INVALID_STATE']);
    const audit = await w.p.services.get('signing')!.dataSource.query(
      `SELECT from_value, to_value, reason, actor->>'role' AS role, destination_code
           FROM destination_changes WHERE graduate_id = $1 ORDER BY id`,
      [g.graduateId],
    );
    const offlineEntry = {
      from_value: 'AWAITING_EMPLOYMENT',
      to_value: 'SIGNED_OFFLINE',
      reason: '纸质协议',
      role: 'SCHOOL_ADMIN',
      destination_code: '10',
    };
    expect(audit).toEqual([
      offlineEntry,
      // Recorded again with its code (issue 18).
      { ...offlineEntry, from_value: 'SIGNED_OFFLINE' },
      {
        from_value: 'SIGNED_OFFLINE',
        to_value: 'AWAITING_EMPLOYMENT',
        reason: '线下协议已解除',
        role: 'SCHOOL_ADMIN',
        destination_code: '70',
      },
      {
        from_value: 'AWAITING_EMPLOYMENT',
        to_value: 'SIGNED_ONLINE',
        reason: null,
        role: 'EMPLOYER',
        destination_code: '10',
      },
    ]);
  });

  it('applies review decisions exactly once: reject frees the graduate; approve then terminate', async () => {
    const publish = async <P>(
      contract: EventContract<P>,
      aggregateId: string,
      payload: P,
      times = 1,
    ) => {
      await db.transaction(async (tx) => {
        const envelope = await publishEvent(tx, contract, { aggregateId, payload, actor: null });
        // The same event again (a redelivery): the inbox must swallow it.
        for (let i = 1; i < times; i++) {
          await tx.query(`INSERT INTO outbox (id, subject, envelope) VALUES ($1, $2, $3)`, [
            randomUUID(),
            contract.subject,
            JSON.stringify(envelope),
          ]);
        }
      });
    };
    const get = async (id: string) =>
      (await w.p.http('GET', `/api/agreements/${id}`, { token: w.admin })).body;
    const reviewer = { userId: 'staff-1', role: 'DEPARTMENT_STAFF' };
    const g = await w.graduate(7);
    const first = (await sign(autonomous, g.identity)).body.agreementId as string;
    await publish(
      reviewDecided,
      first,
      {
        taskId: 't1',
        agreementId: first,
        decision: 'REJECT',
        reason: '单位信息不全',
        reviewer,
        decidedAt: new Date().toISOString(),
      },
      2,
    );
    const rejected = await waitFor(async () => {
      const a = await get(first);
      return a.status === 'REJECTED' && a;
    });
    expect(rejected.history).toHaveLength(2);
    expect(rejected.history[1]).toMatchObject({
      from: 'PENDING_REVIEW',
      to: 'REJECTED',
      reason: '单位信息不全',
      actor: reviewer,
    });

    const second = (await sign(autonomous, g.identity)).body.agreementId as string;
    expect(second).toBeDefined();
    await publish(reviewDecided, second, {
      taskId: 't2',
      agreementId: second,
      decision: 'APPROVE',
      reason: null,
      reviewer,
      decidedAt: new Date().toISOString(),
    });
    await waitFor(async () => (await get(second)).status === 'APPROVED');
    expect((await sign(dependent, g.identity)).body.code).toBe('GRADUATE_NOT_AVAILABLE');
    await publish(terminationDecided, second, {
      terminationId: 'x1',
      agreementId: second,
      decision: 'DISAGREE',
      reason: '理由不充分',
      decider: reviewer,
      decidedAt: new Date().toISOString(),
    });
    await publish(terminationDecided, second, {
      terminationId: 'x2',
      agreementId: second,
      decision: 'AGREE',
      reason: '双方协商一致',
      decider: reviewer,
      decidedAt: new Date().toISOString(),
    });
    const terminated = await waitFor(async () => {
      const a = await get(second);
      return a.status === 'TERMINATED' && a;
    });
    expect(terminated.history.map((h: any) => h.to)).toEqual([
      'PENDING_REVIEW',
      'APPROVED',
      'TERMINATED',
    ]);
    const events = await waitFor(() => {
      const types = probe.events.filter((e) => e.aggregateId === second).map((e) => e.type);
      return types.includes('signing.agreement.terminated') && types;
    });
    expect(events).toEqual([
      'signing.agreement.signed',
      'signing.agreement.approved',
      'signing.agreement.terminated',
    ]);
    expect(
      probe.ofType('signing.agreement.rejected').filter((e) => e.aggregateId === first),
    ).toHaveLength(1);
    expect((await sign(dependent, g.identity)).status).toBe(201);
  });

  it('one active agreement per graduate: 50 concurrent method-2 signings → exactly one 201, the rest 409, no 5xx', async () => {
    const g = await w.graduate(8);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => sign(i % 2 ? autonomous : dependent, g.identity)),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(
      results
        .filter((r) => r.status === 409)
        .every((r) => r.body.code === 'GRADUATE_NOT_AVAILABLE'),
    ).toBe(true);
    const rows = await w.p.services
      .get('signing')!
      .dataSource.query(`SELECT count(*)::int AS n FROM agreements WHERE graduate_id = $1`, [
        g.graduateId,
      ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('positions: only the owner edits or closes; signing snapshots the current one from its projection; closed cannot be signed', async () => {
    const acme = await w.employer(3, true);
    const [g1, g2, g3] = [await w.graduate(9), await w.graduate(10), await w.graduate(11)];
    const signingDb = w.p.services.get('signing')!.dataSource;
    const projected = async () =>
      (
        (await signingDb.query(
          `SELECT title, status, revision FROM positions WHERE position_id = $1`,
          [acme.positionId],
        )) as Array<{ title: string; status: string; revision: number }>
      )[0];
    const path = `/api/positions/${acme.positionId}`;
    const before = await sign(acme, g1.identity);
    expect(before.status).toBe(201);

    expect(
      (await w.p.http('PATCH', path, { token: autonomous.token, body: { title: '别家的' } }))
        .status,
    ).toBe(404);
    expect(
      (await w.p.http('PATCH', path, { token: g1.token, body: { title: '毕业生改的' } })).status,
    ).toBe(403);
    const empty = await w.p.http('PATCH', path, { token: acme.token, body: {} });
    expect([empty.status, empty.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const edited = await w.p.http('PATCH', path, {
      token: acme.token,
      body: { title: '高级后端开发工程师' },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      id: acme.positionId,
      title: '高级后端开发工程师',
      description: 'Node.js',
      status: 'OPEN',
    });
    // Signing learns the change from recruiting's event, not by asking at each signing.
    await waitFor(async () => (await projected())?.title === '高级后端开发工程师', {
      what: 'signing projection updated',
    });
    const after = await sign(acme, g2.identity);
    expect(after.status).toBe(201);
    const read = (id: string) => w.p.http('GET', `/api/agreements/${id}`, { token: acme.token });
    expect((await read(after.body.agreementId)).body.position.title).toBe('高级后端开发工程师');
    expect((await read(before.body.agreementId)).body.position.title).toBe('后端开发工程师-3'); // signed before: unchanged

    expect((await w.p.http('POST', `${path}/close`, { token: dependent.token })).status).toBe(404);
    const closed = await w.p.http('POST', `${path}/close`, { token: acme.token });
    expect([closed.status, closed.body.status]).toEqual([200, 'CLOSED']);
    const twice = await w.p.http('POST', `${path}/close`, { token: acme.token });
    expect([twice.status, twice.body.code]).toEqual([409, 'INVALID_STATE']);
    expect(
      (await w.p.http('PATCH', path, { token: acme.token, body: { title: '再改' } })).body.code,
    ).toBe('INVALID_STATE');
    const listed = await w.p.http('GET', `/api/positions?employerId=${acme.employerId}`, {
      token: g3.token,
    });
    expect(listed.body.total).toBe(0);
    await waitFor(async () => (await projected())?.status === 'CLOSED', {
      what: 'signing projection closed',
    });
    expect(await projected()).toEqual({
      title: '高级后端开发工程师',
      status: 'CLOSED',
      revision: 3,
    });
    const refused = await sign(acme, g3.identity);
    expect([refused.status, refused.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('signs from what identity and recruiting answer when its projection has not seen the employer or position yet', async () => {
    const late = await w.employer(4, true);
    const g = await w.graduate(12);
    const signingDb = w.p.services.get('signing')!.dataSource;
    // As if their events had not arrived yet (or the records predate the projection).
    await waitFor(
      async () =>
        (await signingDb.query(`SELECT 1 FROM positions WHERE position_id = $1`, [late.positionId]))
          .length === 1,
      { what: 'projection caught up' },
    );
    await signingDb.query(`DELETE FROM positions WHERE position_id = $1`, [late.positionId]);
    await signingDb.query(`DELETE FROM employers WHERE employer_id = $1`, [late.employerId]);
    const res = await sign(late, g.identity);
    expect(res.status).toBe(201);
    const read = await w.p.http('GET', `/api/agreements/${res.body.agreementId}`, {
      token: late.token,
    });
    expect(read.body).toMatchObject({
      employer: { employerId: late.employerId, name: '合肥星辰4有限公司', hasHiringAutonomy: true },
      position: { positionId: late.positionId, title: '后端开发工程师-4' },
    });
  });

  it("ends every session of a graduate whose WeChat binding the school released, not only identity's", async () => {
    const g = await w.graduate(13);
    expect((await w.p.http('GET', '/api/agreements', { token: g.token })).status).toBe(200); // served by signing
    expect((await w.p.http('POST', '/api/me/qr-card', { token: g.token })).status).toBe(201);
    const released = await w.p.http(
      'DELETE',
      `/api/schools/${SCHOOL}/graduates/${g.graduateId}/wechat-binding`,
      { token: w.schoolAdmin },
    );
    expect(released.body).toEqual({ released: true });
    // The gateway learns it from identity's event and refuses the old token on every route.
    await waitFor(
      async () => (await w.p.http('GET', '/api/agreements', { token: g.token })).status === 401,
      { what: 'old session refused' },
    );
    expect((await w.p.http('POST', '/api/me/qr-card', { token: g.token })).status).toBe(401);
    // A new binding (new phone) gets a session that works, whatever second it is issued in.
    const login = await w.p.http('POST', '/api/auth/wechat/login', {
      body: { code: 'code-newphone13' },
    });
    const bound = await w.p.http('POST', '/api/auth/wechat/bind', {
      token: login.body.accessToken,
      body: g.identity,
    });
    expect(bound.status).toBe(200);
    expect(
      (await w.p.http('GET', '/api/agreements', { token: bound.body.accessToken })).status,
    ).toBe(200);
  });

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(w.p)).checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'signAgreementDirect',
        'issueQrCard',
        'openQrCard',
        'signAgreementByQrCard',
      ]),
    );
  });
});
