import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@netsign/testing';
import {
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';
import { issueToken } from './support/tokens.js';
import { documentChecker } from './support/openapi-conformance.js';

/**
 * Terminations (解约) and paper agreement forms through the gateway, identity deciding who a
 * counsellor is responsible for and signing applying the outcome.
 */
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(2048)]);

describe('terminations and paper forms through the gateway', () => {
  let w: SigningWorld;
  let employer: Employer;
  let storageDir: string;
  let g1: Graduate;
  let g2: Graduate;
  let counsellor: string; // assigned g1 by id
  let otherCounsellor: string; // assigned class LAW2201 only
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const sign = async (g: Graduate) =>
    w.ok<{ agreementId: string }>(
      await w.p.http('POST', '/api/agreements', {
        token: employer.token,
        body: { positionId: employer.positionId, graduate: g.identity, terms: TERMS },
      }),
    );
  const apply = async (
    token: string,
    fields: Record<string, string>,
    files: Array<{ name: string; bytes: Buffer }>,
  ) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    for (const f of files) form.append('materials', new Blob([new Uint8Array(f.bytes)]), f.name);
    const res = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
  const staff = async (username: string, body: object) => {
    w.ok(
      await http('POST', `/api/schools/${SCHOOL}/staff`, w.schoolAdmin, {
        username,
        password: 'counsellor-pass',
        role: 'COUNSELLOR',
        ...body,
      }),
    );
    return w.ok<{ accessToken: string }>(
      await http('POST', '/api/auth/login', undefined, { username, password: 'counsellor-pass' }),
    ).accessToken;
  };
  const agreementStatus = async (id: string) =>
    (await http('GET', `/api/agreements/${id}`, w.admin)).body.status;
  const reviewTask = (agreementId: string) =>
    waitFor(async () =>
      (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
        (t: any) => t.agreementId === agreementId,
      ),
    );

  beforeAll(async () => {
    w = await startSigningWorld('reviewterm', 10);
    storageDir = await mkdtemp(join(tmpdir(), 'review-files-'));
    w.p.env.vars['STORAGE_DIR'] = storageDir;
    await w.p.stopService('review');
    await w.p.startService('review');
    employer = await w.employer(1, true);
    g1 = await w.graduate(1);
    g2 = await w.graduate(2);
    counsellor = await staff('counsellor-a', { graduateIds: [g1.graduateId] });
    otherCounsellor = await staff('counsellor-b', { classNames: ['LAW2201'] });
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 120_000);

  it('applies with materials; one open application; wrong counsellor 403; withdraw; agree terminates; the graduate signs again', async () => {
    const a1 = (await sign(g1)).agreementId;
    await reviewTask(a1);
    w.ok(
      await http('POST', `/api/agreements/${a1}/review`, w.schoolAdmin, { decision: 'APPROVE' }),
    );
    await waitFor(async () => (await agreementStatus(a1)) === 'APPROVED');

    const program = await apply(g1.token, { agreementId: a1, reason: '个人原因' }, [
      { name: '说明.pdf', bytes: EXE },
    ]);
    expect([program.status, program.body.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const none = await apply(g1.token, { agreementId: a1, reason: '个人原因' }, []);
    expect([none.status, none.body.details.fields[0].field]).toEqual([400, 'materials']);
    const foreign = await apply(g2.token, { agreementId: a1, reason: '个人原因' }, [
      { name: 'a.pdf', bytes: pdf('x') },
    ]);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);

    const first = await apply(g1.token, { agreementId: a1, reason: '考取研究生' }, [
      { name: '录取通知.pdf', bytes: pdf('offer') },
      { name: '单位同意函.pdf', bytes: pdf('consent') },
    ]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      agreementId: a1,
      status: 'PENDING',
      reason: '考取研究生',
      decision: null,
      materials: [{ fileName: '录取通知.pdf' }, { fileName: '单位同意函.pdf' }],
    });
    const second = await apply(g1.token, { agreementId: a1, reason: '再申请' }, [
      { name: 'a.pdf', bytes: pdf('y') },
    ]);
    expect([second.status, second.body.code]).toEqual([409, 'INVALID_STATE']);

    // The graduate's counsellor is told (not the other counsellor): an application waits on them.
    const told = await waitFor(async () =>
      (await http('GET', '/api/me/notifications', counsellor)).body.items?.find(
        (n: any) => n.kind === 'TERMINATION_APPLIED' && n.data.terminationId === first.body.id,
      ),
    );
    expect(told.body).toContain('申请解除就业协议');
    expect(
      (await http('GET', '/api/me/notifications', otherCounsellor)).body.items.filter(
        (n: any) => n.kind === 'TERMINATION_APPLIED',
      ),
    ).toEqual([]);

    const ids = async (token: string) =>
      (await http('GET', '/api/terminations?status=PENDING', token)).body.items.map(
        (t: any) => t.id,
      );
    expect(await ids(counsellor)).toEqual([first.body.id]);
    expect(await ids(otherCounsellor)).toEqual([]);
    expect(await ids(w.schoolAdmin)).toEqual([first.body.id]);
    expect(await ids(g2.token)).toEqual([]);
    const wrong = await http(
      'POST',
      `/api/terminations/${first.body.id}/decision`,
      otherCounsellor,
      { decision: 'AGREE' },
    );
    expect([wrong.status, wrong.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await http('GET', `/api/terminations/${first.body.id}`, otherCounsellor)).status).toBe(
      403,
    );
    const staffToken = await issueToken(w.p, {
      userId: 'd',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'CS',
    });
    expect((await http('GET', '/api/terminations', staffToken)).status).toBe(403);
    const material = await fetch(
      `${w.p.url}/api/terminations/${first.body.id}/materials/${first.body.materials[0].id}/content`,
      { headers: { authorization: `Bearer ${counsellor}` } },
    );
    expect(Buffer.from(await material.arrayBuffer()).equals(pdf('offer'))).toBe(true);

    const withdrawn = await http('POST', `/api/terminations/${first.body.id}/withdrawal`, g1.token);
    expect(withdrawn.body).toMatchObject({ status: 'WITHDRAWN', withdrawnAt: expect.any(String) });
    expect(
      (await http('POST', `/api/terminations/${first.body.id}/withdrawal`, g1.token)).status,
    ).toBe(409);
    expect(
      (
        await http('POST', `/api/terminations/${first.body.id}/decision`, counsellor, {
          decision: 'AGREE',
        })
      ).status,
    ).toBe(409);

    const again = await apply(g1.token, { agreementId: a1, reason: '考取研究生' }, [
      { name: '录取通知.pdf', bytes: pdf('offer') },
    ]);
    expect(again.status).toBe(201);
    const noReason = await http('POST', `/api/terminations/${again.body.id}/decision`, counsellor, {
      decision: 'DISAGREE',
    });
    expect([noReason.status, noReason.body.details.fields[0].field]).toEqual([400, 'reason']);
    const agreed = await http('POST', `/api/terminations/${again.body.id}/decision`, counsellor, {
      decision: 'AGREE',
      reason: '材料齐全',
    });
    expect(agreed.body).toMatchObject({
      status: 'AGREED',
      decision: { decision: 'AGREE', reason: '材料齐全', decider: { role: 'COUNSELLOR' } },
    });
    await waitFor(async () => (await agreementStatus(a1)) === 'TERMINATED');
    const resigned = await sign(g1);
    expect(resigned.agreementId).not.toBe(a1);
    expect((await reviewTask(resigned.agreementId)).status).toBe('PENDING');
  });

  it('disagree keeps the agreement and tells the graduate; a pending agreement terminated leaves no review task', async () => {
    const a2 = (await sign(g2)).agreementId;
    await reviewTask(a2);
    const applied = await apply(g2.token, { agreementId: a2, reason: '单位变更' }, [
      { name: 'a.png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2]) },
    ]);
    expect(applied.body.materials[0]).toMatchObject({ contentType: 'image/png' });
    const disagreed = await http(
      'POST',
      `/api/terminations/${applied.body.id}/decision`,
      w.schoolAdmin,
      { decision: 'DISAGREE', reason: '理由不充分' },
    );
    expect(disagreed.body).toMatchObject({
      status: 'DISAGREED',
      decision: { reason: '理由不充分' },
    });
    await waitFor(
      async () =>
        (await http('GET', '/api/me/notifications', g2.token)).body.items?.find(
          (n: any) => n.data?.terminationId === applied.body.id,
        ),
      { what: 'notification' },
    );
    expect(await agreementStatus(a2)).toBe('PENDING_REVIEW');

    const applied2 = await apply(g2.token, { agreementId: a2, reason: '单位变更' }, [
      { name: 'a.pdf', bytes: pdf('z') },
    ]);
    w.ok(
      await http('POST', `/api/terminations/${applied2.body.id}/decision`, w.schoolAdmin, {
        decision: 'AGREE',
      }),
    );
    await waitFor(async () => (await agreementStatus(a2)) === 'TERMINATED');
    expect((await reviewTask(a2)).status).toBe('CANCELLED');
    const late = await http('POST', `/api/agreements/${a2}/review`, w.schoolAdmin, {
      decision: 'APPROVE',
    });
    expect([late.status, late.body.code]).toEqual([409, 'INVALID_STATE']);
  });

  it('paper forms: one held per graduate, re-issue voids it with a reason, collected when the graduate signs online', async () => {
    const g3 = await w.graduate(3);
    const g5 = await w.graduate(5); // LAW
    const path = (g: Graduate) => `/api/schools/${SCHOOL}/graduates/${g.graduateId}/paper-forms`;
    const issued = await http('POST', path(g3), w.schoolAdmin, { formNo: 'AH2026-0001' });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({
      formNo: 'AH2026-0001',
      status: 'ISSUED',
      graduateName: '学生3',
      departmentCode: 'CS',
    });
    expect((await http('POST', path(g3), w.schoolAdmin, { formNo: 'AH2026-0002' })).body.code).toBe(
      'INVALID_STATE',
    );
    expect(
      (await http('POST', `${path(g3)}/reissue`, w.schoolAdmin, { formNo: 'AH2026-0002' })).status,
    ).toBe(400);
    const taken = await http('POST', path(g5), w.schoolAdmin, { formNo: 'AH2026-0001' });
    expect([taken.status, taken.body.code]).toEqual([409, 'CONFLICT']);
    const lawStaff = await issueToken(w.p, {
      userId: 'l',
      role: 'DEPARTMENT_STAFF',
      schoolCode: SCHOOL,
      departmentCode: 'LAW',
    });
    expect((await http('POST', path(g3), lawStaff, { formNo: 'AH2026-0009' })).status).toBe(403);
    expect((await http('POST', path(g5), lawStaff, { formNo: 'AH2026-0005' })).status).toBe(201);

    const reissued = await http('POST', `${path(g3)}/reissue`, w.schoolAdmin, {
      formNo: 'AH2026-0002',
      reason: '原协议书遗失',
    });
    expect(reissued.body).toMatchObject({
      status: 'ISSUED',
      replacesId: issued.body.id,
      reissueReason: '原协议书遗失',
    });
    const list = async (token: string, query = '') =>
      (await http('GET', `/api/schools/${SCHOOL}/paper-forms${query}`, token)).body;
    expect(
      (await list(w.schoolAdmin, `?graduateId=${g3.graduateId}`)).items.map((f: any) => [
        f.formNo,
        f.status,
      ]),
    ).toEqual([
      ['AH2026-0001', 'VOIDED'],
      ['AH2026-0002', 'ISSUED'],
    ]);
    expect((await list(lawStaff)).items.map((f: any) => f.formNo)).toEqual(['AH2026-0005']);
    expect((await list(counsellor)).total).toBe(0); // counsellor A is responsible for graduate 1 only

    const signed = await sign(g3);
    const collected = await waitFor(async () =>
      (await list(w.schoolAdmin, '?status=COLLECTED')).items.find(
        (f: any) => f.graduateId === g3.graduateId,
      ),
    );
    expect(collected).toMatchObject({
      formNo: 'AH2026-0002',
      agreementId: signed.agreementId,
      collectedAt: expect.any(String),
    });
    expect((await list(w.schoolAdmin, `?graduateId=${g3.graduateId}&status=ISSUED`)).total).toBe(0);
  });

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(w.p)).checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'listTerminations',
        'decideTermination',
        'withdrawTermination',
        'issuePaperForm',
        'listPaperForms',
      ]),
    );
  });
});
