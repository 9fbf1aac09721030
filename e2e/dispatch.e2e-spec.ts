import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { waitFor } from '@netsign/testing';
import { startProvinceStandin, type ProvinceStandin } from '@netsign/province-standin';
import {
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';

/**
 * Approvals and terminations made through the gateway reach the provincial stand-in exactly once
 * and in order, with the full ID number (only there), under injected failures; a rejected record
 * lands in dead and is replayed by an operator; reconciliation finds nothing missing.
 */
describe('dispatch to the province through the whole system', () => {
  const secret = 'e2e-dispatch-secret';
  let province: ProvinceStandin;
  let w: SigningWorld;
  let employer: Employer;
  let g1: Graduate;
  let g2: Graduate;
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  const control = (faults: object) =>
    fetch(`${province.url}/_control`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
    });
  const sign = async (g: Graduate) =>
    w.ok<{ agreementId: string }>(
      await http('POST', '/api/agreements', employer.token, {
        positionId: employer.positionId,
        graduate: g.identity,
        terms: TERMS,
      }),
    ).agreementId;
  const approve = async (agreementId: string) => {
    await waitFor(async () =>
      (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
        (t: any) => t.agreementId === agreementId,
      ),
    );
    w.ok(
      await http('POST', `/api/agreements/${agreementId}/review`, w.schoolAdmin, {
        decision: 'APPROVE',
      }),
    );
  };
  const recordsOf = (g: Graduate) =>
    province.state.recordsOf(`${g.identity.schoolCode}:${g.identity.studentNo}`);

  beforeAll(async () => {
    province = await startProvinceStandin({ port: 0, host: '127.0.0.1', secret });
    w = await startSigningWorld('dispatch', 4, {
      PROVINCE_DISPATCH_URL: province.url,
      PROVINCE_DISPATCH_SECRET: secret,
      DISPATCH_RETRY_BASE_MS: '100',
      DISPATCH_RETRY_MAX_MS: '1000',
      DISPATCH_MAX_ATTEMPTS: '6',
    });
    employer = await w.employer(1, true, {
      natureCode: '39',
      industryCode: '65',
      regionCode: '340104',
    });
    g1 = await w.graduate(1);
    g2 = await w.graduate(2);
  }, 120_000);

  afterAll(async () => {
    await w?.close();
    await province?.close();
  });

  it('delivers employment then termination once, in order, through failures and dropped connections', async () => {
    await control({ failFirst: 2, failStatus: 503, dropConnections: 1, dropResponses: 1 });
    const agreementId = await sign(g1);
    await approve(agreementId);
    await waitFor(() => recordsOf(g1).length === 1, {
      timeoutMs: 60_000,
      what: 'the employment record at the province',
    });
    const [employment] = recordsOf(g1);
    expect(employment!.record).toMatchObject({
      graduateSequence: 1,
      kind: 'EMPLOYMENT',
      schoolCode: g1.identity.schoolCode,
      studentNo: g1.identity.studentNo,
      idNumber: g1.identity.idNumber,
      signingMethod: 'EMPLOYER_DIRECT',
      // Issue 18: an online agreement is 签就业协议形式就业 (10), with the employer's codes.
      destinationCode: '10',
      employer: {
        nature: '其他企业',
        natureCode: '39',
        industry: '软件和信息技术服务业',
        industryCode: '65',
        regionCode: '340104',
      },
    });

    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', '个人原因');
    form.append(
      'materials',
      new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%letter\n'))]),
      'letter.pdf',
    );
    const applied = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g1.token}` },
      body: form,
    });
    expect(applied.status).toBe(201);
    const { id } = (await applied.json()) as { id: string };
    w.ok(
      await http('POST', `/api/terminations/${id}/decision`, w.schoolAdmin, {
        decision: 'AGREE',
        reason: '同意',
      }),
    );
    await waitFor(() => recordsOf(g1).length === 2, {
      timeoutMs: 60_000,
      what: 'the termination record',
    });
    expect(recordsOf(g1).map((r) => [r.record.graduateSequence, r.record.kind])).toEqual([
      [1, 'EMPLOYMENT'],
      [2, 'TERMINATION'],
    ]);
    // Terminated: back to 待就业 (70); the employer's codes are copied from the employment record.
    expect(recordsOf(g1)[1]!.record).toMatchObject({
      destinationCode: '70',
      employer: { natureCode: '39', industryCode: '65', regionCode: '340104' },
    });
    // Each record id accepted exactly once despite the resend after the lost answer.
    const ids = province.state.accepted.map((a) => a.record.recordId);
    expect(new Set(ids).size).toBe(ids.length);

    const log = w.ok<{ items: any[] }>(
      await http('GET', '/api/dispatch/records?status=DELIVERED', w.admin),
    );
    expect(
      log.items.filter(
        (r) => r.graduateKey === `${g1.identity.schoolCode}:${g1.identity.studentNo}`,
      ),
    ).toHaveLength(2);
    expect(JSON.stringify(log)).not.toContain(g1.identity.idNumber);
    const stored = await w.p.services
      .get('dispatch-sync')!
      .dataSource.query(`SELECT body::text AS b FROM dispatch_records`);
    expect(stored.map((r: { b: string }) => r.b).join()).not.toContain(g1.identity.idNumber);
    expect((await http('GET', '/api/dispatch/records', employer.token)).status).toBe(403);
    expect((await http('GET', '/api/dispatch/records', w.schoolAdmin)).status).toBe(403);
  }, 150_000);

  it('parks a record the province rejects in dead with its answer, and replays it', async () => {
    await control({ rejectNext: 1 });
    await approve(await sign(g2));
    const dead = await waitFor(
      async () =>
        w.ok<{ items: any[] }>(await http('GET', '/api/dispatch/records?status=DEAD', w.admin))
          .items[0],
      { timeoutMs: 60_000, what: 'a dead record' },
    );
    expect(dead.lastResponse).toBeTruthy();
    expect(recordsOf(g2)).toHaveLength(0);
    const metrics = w.ok<{ dead: number }>(await http('GET', '/api/dispatch/metrics', w.admin));
    expect(metrics.dead).toBe(1);
    expect(w.ok(await http('POST', `/api/dispatch/records/${dead.id}/replay`, w.admin))).toEqual({
      replayed: true,
    });
    await waitFor(() => recordsOf(g2).length === 1, {
      timeoutMs: 60_000,
      what: 'the replayed record',
    });
    const again = await http('POST', `/api/dispatch/records/${dead.id}/replay`, w.admin);
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE');
  }, 120_000);

  it('sends a destination the school records and its unlock, in order with the agreements after them (decision 0007)', async () => {
    const g3 = await w.graduate(3);
    const graduatePath = `/api/schools/${g3.identity.schoolCode}/graduates/${g3.graduateId}`;
    w.ok(
      await http('PUT', `${graduatePath}/destination`, w.schoolAdmin, {
        destination: 'FURTHER_STUDY',
        destinationCode: '85',
        note: '考取研究生',
      }),
    );
    await waitFor(() => recordsOf(g3).length === 1, {
      timeoutMs: 60_000,
      what: 'the destination record',
    });
    expect(recordsOf(g3)[0]!.record).toEqual({
      recordId: expect.any(String),
      graduateSequence: 1,
      kind: 'DESTINATION',
      schoolCode: g3.identity.schoolCode,
      studentNo: g3.identity.studentNo,
      name: g3.identity.name,
      idNumber: g3.identity.idNumber,
      destination: 'FURTHER_STUDY',
      destinationCode: '85',
      occurredAt: expect.any(String),
    });
    // The admission fell through: unlocked back to 待就业 (70), then signed online and approved.
    w.ok(await http('POST', `${graduatePath}/unlock`, w.schoolAdmin, { reason: '录取取消' }));
    await approve(await sign(g3));
    await waitFor(() => recordsOf(g3).length === 3, {
      timeoutMs: 60_000,
      what: 'the unlock and the employment record',
    });
    expect(
      recordsOf(g3).map((r) => [
        r.record.graduateSequence,
        r.record.kind,
        'destination' in r.record ? r.record.destination : null,
        r.record.destinationCode,
      ]),
    ).toEqual([
      [1, 'DESTINATION', 'FURTHER_STUDY', '85'],
      [2, 'DESTINATION', 'AWAITING_EMPLOYMENT', '70'],
      [3, 'EMPLOYMENT', null, '10'],
    ]);
    const log = w.ok<{ items: Array<{ graduateKey: string; kind: string }> }>(
      await http('GET', '/api/dispatch/records?status=DELIVERED&pageSize=500', w.admin),
    );
    expect(
      log.items
        .filter((r) => r.graduateKey === `${g3.identity.schoolCode}:${g3.identity.studentNo}`)
        .map((r) => r.kind),
    ).toEqual(['DESTINATION', 'DESTINATION', 'EMPLOYMENT']);
  }, 150_000);

  it('reconciles the log with what the province acknowledged', async () => {
    const report = w.ok<{ differences: unknown[]; graduatesCompared: number }>(
      await http('POST', '/api/dispatch/reconciliation', w.admin, {}),
    );
    expect(report.differences).toEqual([]);
    expect(report.graduatesCompared).toBeGreaterThanOrEqual(2);
    const missing = w.ok<{ differences: Array<{ kind: string }> }>(
      await http('POST', '/api/dispatch/reconciliation', w.admin, {
        acknowledged: { [`${g1.identity.schoolCode}:${g1.identity.studentNo}`]: 1 },
      }),
    );
    expect(missing.differences.map((d) => d.kind)).toContain('MISSING_AT_PROVINCE');
  });
});
