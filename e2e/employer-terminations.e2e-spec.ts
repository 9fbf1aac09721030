import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startProvinceStandin, type ProvinceStandin } from '@netsign/province-standin';
import { waitFor } from '@netsign/testing';
import {
  SCHOOL,
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';
import { documentChecker } from './support/openapi-conformance.js';

/**
 * Either party may end an agreement (issue 18): the employer applies to terminate with materials,
 * both parties read the application (another employer is not told it exists), only the party that
 * applied withdraws, the graduate's counsellor decides as for a graduate's application, and an
 * agreed termination reaches the province like any other.
 */
const pdf = (text: string) => Buffer.from(`%PDF-1.7\n${text}\n%%EOF\n`);

describe('terminations applied for by the employer', () => {
  const secret = 'e2e-employer-termination-secret';
  let province: ProvinceStandin;
  let w: SigningWorld;
  let storageDir: string;
  let employer: Employer;
  let otherEmployer: Employer;
  let g1: Graduate;
  let g2: Graduate;
  let counsellor: string; // assigned g1 and g2 by id
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const sign = async (g: Graduate, e: Employer = employer) =>
    w.ok<{ agreementId: string }>(
      await http('POST', '/api/agreements', e.token, {
        positionId: e.positionId,
        graduate: g.identity,
        terms: TERMS,
      }),
    ).agreementId;
  const apply = async (
    token: string,
    agreementId: string,
    reason: string,
    files: Array<{ name: string; bytes: Buffer }>,
  ) => {
    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', reason);
    for (const f of files) form.append('materials', new Blob([new Uint8Array(f.bytes)]), f.name);
    const res = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return { status: res.status, body: (await res.json().catch(() => undefined)) as any };
  };
  const download = async (token: string, t: { id: string; materials: Array<{ id: string }> }) => {
    const res = await fetch(
      `${w.p.url}/api/terminations/${t.id}/materials/${t.materials[0]!.id}/content`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const agreementStatus = async (id: string) =>
    (await http('GET', `/api/agreements/${id}`, w.admin)).body.status;
  const reviewTask = (agreementId: string) =>
    waitFor(async () =>
      (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
        (t: any) => t.agreementId === agreementId,
      ),
    );
  const ids = async (token: string) =>
    (await http('GET', '/api/terminations', token)).body.items.map((t: any) => t.id);
  const notice = (token: string, match: (n: any) => boolean) =>
    waitFor(
      async () => (await http('GET', '/api/me/notifications', token)).body.items?.find(match),
      { what: 'a notification' },
    );
  const recordsOf = (g: Graduate) =>
    province.state.recordsOf(`${g.identity.schoolCode}:${g.identity.studentNo}`);

  beforeAll(async () => {
    province = await startProvinceStandin({ port: 0, host: '127.0.0.1', secret });
    storageDir = await mkdtemp(join(tmpdir(), 'employer-termination-files-'));
    w = await startSigningWorld('empterm', 4, {
      STORAGE_DIR: storageDir,
      PROVINCE_DISPATCH_URL: province.url,
      PROVINCE_DISPATCH_SECRET: secret,
      DISPATCH_RETRY_BASE_MS: '100',
      DISPATCH_RETRY_MAX_MS: '1000',
    });
    employer = await w.employer(1, true);
    otherEmployer = await w.employer(2, true);
    g1 = await w.graduate(1);
    g2 = await w.graduate(2);
    w.ok(
      await http('POST', `/api/schools/${SCHOOL}/staff`, w.schoolAdmin, {
        username: 'counsellor-e',
        password: 'counsellor-pass',
        role: 'COUNSELLOR',
        graduateIds: [g1.graduateId, g2.graduateId],
      }),
    );
    counsellor = w.ok<{ accessToken: string }>(
      await http('POST', '/api/auth/login', undefined, {
        username: 'counsellor-e',
        password: 'counsellor-pass',
      }),
    ).accessToken;
  }, 120_000);
  afterAll(async () => {
    await w?.close();
    await province?.close();
    if (storageDir) await rm(storageDir, { recursive: true, force: true });
  }, 120_000);

  it('the employer applies; both parties read it, another employer 404; only the employer withdraws; agreed → TERMINATED, the province told, the graduate signs again', async () => {
    const a1 = await sign(g1);
    await reviewTask(a1);
    w.ok(
      await http('POST', `/api/agreements/${a1}/review`, w.schoolAdmin, { decision: 'APPROVE' }),
    );
    await waitFor(() => recordsOf(g1).length === 1, {
      timeoutMs: 60_000,
      what: 'the employment record at the province',
    });

    const foreign = await apply(otherEmployer.token, a1, '单位经营调整', [
      { name: 'a.pdf', bytes: pdf('x') },
    ]);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);
    const first = await apply(employer.token, a1, '单位经营调整，岗位撤销', [
      { name: '岗位撤销说明.pdf', bytes: pdf('closed') },
    ]);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      agreementId: a1,
      status: 'PENDING',
      applicant: 'EMPLOYER',
      reason: '单位经营调整，岗位撤销',
      decision: null,
      materials: [{ fileName: '岗位撤销说明.pdf' }],
    });
    // One open application per agreement, whoever applied.
    const graduateToo = await apply(g1.token, a1, '个人原因', [{ name: 'a.pdf', bytes: pdf('y') }]);
    expect([graduateToo.status, graduateToo.body.code]).toEqual([409, 'INVALID_STATE']);
    expect(
      (await apply(employer.token, a1, '再申请', [{ name: 'a.pdf', bytes: pdf('z') }])).status,
    ).toBe(409);

    // Both parties read it (and its materials); another employer is not told it exists.
    for (const token of [g1.token, employer.token, counsellor]) {
      expect((await http('GET', `/api/terminations/${first.body.id}`, token)).body).toMatchObject({
        id: first.body.id,
        applicant: 'EMPLOYER',
      });
      const file = await download(token, first.body);
      expect([file.status, file.bytes.equals(pdf('closed'))]).toEqual([200, true]);
    }
    const hidden = await http('GET', `/api/terminations/${first.body.id}`, otherEmployer.token);
    expect([hidden.status, hidden.body.code]).toEqual([404, 'NOT_FOUND']);
    expect((await download(otherEmployer.token, first.body)).status).toBe(404);
    expect(await ids(employer.token)).toEqual([first.body.id]);
    expect(await ids(g1.token)).toEqual([first.body.id]);
    expect(await ids(otherEmployer.token)).toEqual([]);

    // The graduate is told; the counsellor is told who applied.
    const toGraduate = await notice(
      g1.token,
      (n) => n.kind === 'TERMINATION_APPLIED' && n.data.terminationId === first.body.id,
    );
    expect(toGraduate.title).toBe('用人单位申请解除协议');
    const toCounsellor = await notice(
      counsellor,
      (n) => n.kind === 'TERMINATION_APPLIED' && n.data.terminationId === first.body.id,
    );
    expect(toCounsellor.body).toContain('用人单位申请解除');

    // Only the party that applied withdraws.
    const notTheirs = await http('POST', `/api/terminations/${first.body.id}/withdrawal`, g1.token);
    expect([notTheirs.status, notTheirs.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(
      (await http('POST', `/api/terminations/${first.body.id}/withdrawal`, otherEmployer.token))
        .status,
    ).toBe(404);
    const withdrawn = await http(
      'POST',
      `/api/terminations/${first.body.id}/withdrawal`,
      employer.token,
    );
    expect(withdrawn.body).toMatchObject({
      status: 'WITHDRAWN',
      applicant: 'EMPLOYER',
      withdrawnAt: expect.any(String),
    });
    expect(
      (await http('POST', `/api/terminations/${first.body.id}/withdrawal`, employer.token)).status,
    ).toBe(409);

    // Applied again; the graduate's counsellor agrees as for a graduate's application.
    const again = await apply(employer.token, a1, '单位经营调整，岗位撤销', [
      { name: '岗位撤销说明.pdf', bytes: pdf('closed') },
    ]);
    expect(again.status).toBe(201);
    const agreed = await http('POST', `/api/terminations/${again.body.id}/decision`, counsellor, {
      decision: 'AGREE',
      reason: '双方材料齐全',
    });
    expect(agreed.body).toMatchObject({
      status: 'AGREED',
      applicant: 'EMPLOYER',
      decision: { decision: 'AGREE', decider: { role: 'COUNSELLOR' } },
    });
    await waitFor(async () => (await agreementStatus(a1)) === 'TERMINATED', {
      what: 'the agreement terminated',
    });
    await waitFor(() => recordsOf(g1).length === 2, {
      timeoutMs: 60_000,
      what: 'the termination record at the province',
    });
    expect(recordsOf(g1).map((r) => [r.record.graduateSequence, r.record.kind])).toEqual([
      [1, 'EMPLOYMENT'],
      [2, 'TERMINATION'],
    ]);
    const resigned = await sign(g1, otherEmployer);
    expect(resigned).not.toBe(a1);
    expect((await reviewTask(resigned)).status).toBe('PENDING');
  }, 180_000);

  it('a disagreement with the employer’s application is told to the employer and keeps the agreement', async () => {
    const a2 = await sign(g2);
    await reviewTask(a2);
    const applied = await apply(employer.token, a2, '岗位调整', [
      { name: 'a.pdf', bytes: pdf('adjust') },
    ]);
    expect(applied.status).toBe(201);
    const disagreed = await http(
      'POST',
      `/api/terminations/${applied.body.id}/decision`,
      w.schoolAdmin,
      { decision: 'DISAGREE', reason: '未与毕业生协商一致' },
    );
    expect(disagreed.body).toMatchObject({ status: 'DISAGREED', applicant: 'EMPLOYER' });
    const told = await notice(
      employer.token,
      (n) => n.kind === 'TERMINATION_DECIDED' && n.data.terminationId === applied.body.id,
    );
    expect(told.body).toContain('未与毕业生协商一致');
    await notice(
      g2.token,
      (n) => n.kind === 'TERMINATION_DECIDED' && n.data.terminationId === applied.body.id,
    );
    expect(await agreementStatus(a2)).toBe('PENDING_REVIEW');
  }, 120_000);

  it('answered everything above as the OpenAPI document declares', async () => {
    const { covered, mismatches } = (await documentChecker(w.p)).checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'listTerminations',
        'getTermination',
        'withdrawTermination',
        'decideTermination',
      ]),
    );
  });
});
