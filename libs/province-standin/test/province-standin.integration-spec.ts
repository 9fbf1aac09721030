import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createHmac, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProvinceStandin, type ProvinceStandin } from '../src/index.js';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
} from '../src/index.js';

const SECRET = 'standin-test-secret';
const idNumber = (() => {
  const first17 = '34010419950101123';
  return first17 + idNumberCheckChar(first17);
})();
const creditCode = (() => {
  const first17 = '91340100MA2N0Q1X1';
  return first17 + creditCodeCheckChar(first17);
})();

function record(overrides: Record<string, unknown> = {}) {
  return {
    recordId: randomUUID(),
    graduateSequence: 1,
    kind: 'EMPLOYMENT',
    schoolCode: '10357',
    studentNo: 'S001',
    name: '张三',
    idNumber,
    agreementNo: 'WQ-1',
    signingMethod: 'RECRUITING',
    employer: {
      name: '某公司',
      creditCode,
      nature: '其他企业',
      industry: '制造业',
      location: '合肥',
    },
    position: '工程师',
    superiorAuthority: null,
    occurredAt: '2025-06-01T08:00:00.000Z',
    ...overrides,
  };
}

/** The stand-in honours API.md's contract and its fault switches, over real HTTP. */
describe('province stand-in', () => {
  let standin: ProvinceStandin;
  let dir: string;

  const post = (body: unknown, headers: Record<string, string> = {}) => {
    const raw = JSON.stringify(body);
    const recordId = (body as { recordId?: string }).recordId ?? '';
    return fetch(`${standin.url}/records`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'idempotency-key': recordId,
        'x-signature': createHmac('sha256', SECRET).update(raw).digest('hex'),
        ...headers,
      },
      body: raw,
    });
  };
  const control = (body: unknown) =>
    fetch(`${standin.url}/_control`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'standin-'));
    standin = await startProvinceStandin({ secret: SECRET, dataFile: join(dir, 'accepted.json') });
  });
  afterAll(async () => {
    await standin?.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await fetch(`${standin.url}/_reset`, { method: 'POST' });
  });

  it('validates the check digits it relies on', () => {
    expect(isValidIdNumber(idNumber)).toBe(true);
    expect(isValidIdNumber(idNumber.slice(0, 17) + (idNumber[17] === '0' ? '1' : '0'))).toBe(false);
    expect(isValidCreditCode(creditCode)).toBe(true);
    expect(isValidCreditCode('91340100MA2N0Q1X1Z')).toBe(false);
    expect(isValidIdNumber('11010519491231002X')).toBe(true); // a published example
  });

  it('a post still waiting when the state is reset is dropped, not accepted into the new state', async () => {
    await control({ delayMs: 300 });
    const late = post(record()).then(
      (r) => r.status,
      () => 'dropped',
    );
    await new Promise((r) => setTimeout(r, 100));
    await fetch(`${standin.url}/_reset`, { method: 'POST' });
    expect(await late).toBe('dropped');
    expect(standin.state.accepted).toEqual([]);
    expect(standin.state.stats).toMatchObject({ requests: 0, accepted: 0 });
    expect(standin.state.inHand.size).toBe(0);
  });

  it('accepts a signed record, answers a repeat 2xx, and shows it', async () => {
    const body = record();
    const first = await post(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({
      status: 'ACCEPTED',
      recordId: body.recordId,
      graduateSequence: 1,
    });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'DUPLICATE', recordId: body.recordId });
    const list = (await (await fetch(`${standin.url}/records`)).json()) as {
      total: number;
      items: Array<{ record: { recordId: string } }>;
    };
    expect(list.total).toBe(1);
    expect(list.items[0]!.record.recordId).toBe(body.recordId);
    const graduate = (await (await fetch(`${standin.url}/graduates/10357/S001`)).json()) as {
      lastSequence: number;
    };
    expect(graduate.lastSequence).toBe(1);
    expect((await fetch(`${standin.url}/graduates/10357/nobody`)).status).toBe(404);
  });

  it('refuses a missing or wrong signature with 401 and a reason', async () => {
    const missing = await post(record(), { 'x-signature': '' });
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ code: 'BAD_SIGNATURE', reason: 'missing X-Signature' });
    const wrong = await post(record(), {
      'x-signature': createHmac('sha256', 'other').update('x').digest('hex'),
    });
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { code: string }).code).toBe('BAD_SIGNATURE');
    expect(standin.state.accepted).toHaveLength(0);
  });

  it('refuses an invalid body (422) and a key that is not the recordId (400)', async () => {
    const invalid = await post(record({ idNumber: '340104199501011230', graduateSequence: 0 }));
    expect(invalid.status).toBe(422);
    const body = (await invalid.json()) as { code: string; details: Array<{ field: string }> };
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d) => d.field).sort()).toEqual(['graduateSequence', 'idNumber']);
    expect((await post(record(), { 'idempotency-key': randomUUID() })).status).toBe(400);
  });

  it('accepts the standard codes of issue 18 and refuses malformed ones (422)', async () => {
    const employer = {
      ...record().employer,
      natureCode: '39',
      industryCode: '65',
      regionCode: '340104',
    };
    const coded = record({ destinationCode: '10', employer });
    expect((await post(coded)).status).toBe(201);
    expect(standin.state.accepted.at(-1)?.record).toMatchObject({
      destinationCode: '10',
      employer: { natureCode: '39', industryCode: '65', regionCode: '340104' },
    });
    const bad = await post(
      record({
        studentNo: 'S002',
        destinationCode: '签约',
        employer: { ...employer, regionCode: '3401' },
      }),
    );
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { details: Array<{ field: string }> };
    expect(body.details.map((d) => d.field).sort()).toEqual([
      'destinationCode',
      'employer.regionCode',
    ]);
  });

  it('accepts a DESTINATION record without agreement fields, and refuses one that is not (422)', async () => {
    const destination = {
      recordId: randomUUID(),
      graduateSequence: 1,
      kind: 'DESTINATION',
      schoolCode: '10357',
      studentNo: 'S010',
      name: '李四',
      idNumber,
      destination: 'FURTHER_STUDY',
      destinationCode: '85',
      occurredAt: '2025-06-01T08:00:00.000Z',
    };
    expect((await post(destination)).status).toBe(201);
    expect(standin.state.accepted.at(-1)?.record).toEqual(destination);
    // Category OTHER recorded without a code: null, not absent.
    const other = { ...destination, recordId: randomUUID(), studentNo: 'S011' };
    expect((await post({ ...other, destination: 'OTHER', destinationCode: null })).status).toBe(
      201,
    );
    const bad = await post({
      ...destination,
      recordId: randomUUID(),
      studentNo: 'S012',
      destination: 'SIGNED_ONLINE',
      destinationCode: undefined,
    });
    expect(bad.status).toBe(422);
    const body = (await bad.json()) as { details: Array<{ field: string }> };
    expect(body.details.map((d) => d.field).sort()).toEqual(['destination', 'destinationCode']);
  });

  it('keeps each graduate’s order: n only after n-1', async () => {
    const early = await post(record({ graduateSequence: 2 }));
    expect(early.status).toBe(409);
    expect(await early.json()).toMatchObject({ code: 'OUT_OF_ORDER', expected: 1 });
    expect((await post(record({ graduateSequence: 1 }))).status).toBe(201);
    const taken = await post(record({ graduateSequence: 1 }));
    expect(taken.status).toBe(409);
    expect(await taken.json()).toMatchObject({ code: 'SEQUENCE_TAKEN', expected: 2 });
    expect((await post(record({ graduateSequence: 2, kind: 'TERMINATION' }))).status).toBe(201);
    expect((await post(record({ graduateSequence: 1, studentNo: 'S002' }))).status).toBe(201);
  });

  it('fails, drops, loses answers and rejects on command', async () => {
    expect(
      (
        await control({
          failFirst: 2,
          failStatus: 500,
          dropConnections: 1,
          dropResponses: 1,
          rejectNext: 1,
        })
      ).status,
    ).toBe(200);
    // Order of effects per post: drop connection, fail, then (after the checks) reject, then lose the answer.
    await expect(post(record())).rejects.toThrow();
    expect((await post(record())).status).toBe(500);
    expect((await post(record())).status).toBe(500);
    expect((await post(record())).status).toBe(422);
    const lost = record();
    await expect(post(lost)).rejects.toThrow();
    expect(standin.state.accepted.map((a) => a.record.recordId)).toEqual([lost.recordId]);
    expect((await post(lost)).status).toBe(200);
    expect((await control({ failStatus: 200 })).status).toBe(400);
  });

  it('fails a share of posts at random on command', async () => {
    expect((await control({ failRate: 1.5 })).status).toBe(400);
    await control({ failRate: 0.5 });
    const answers: number[] = [];
    for (let i = 0; i < 60; i++) answers.push((await post(record({ studentNo: `R${i}` }))).status);
    const failed = answers.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(10);
    expect(failed).toBeLessThan(50);
    expect(answers.filter((s) => s === 201).length).toBe(60 - failed);
    expect(standin.state.accepted).toHaveLength(60 - failed);
    await control({ failRate: 0 });
    expect((await post(record({ studentNo: 'R-after' }))).status).toBe(201);
  });

  it('answers slowly on command', async () => {
    await control({ delayMs: 300 });
    const started = Date.now();
    expect((await post(record())).status).toBe(201);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('keeps what it accepted across a restart when given a data file', async () => {
    const body = record();
    await post(body);
    await standin.close();
    standin = await startProvinceStandin({ secret: SECRET, dataFile: join(dir, 'accepted.json') });
    expect(standin.state.accepted.map((a) => a.record.recordId)).toEqual([body.recordId]);
    expect((await post(body)).status).toBe(200);
    expect((await post(record({ graduateSequence: 2 }))).status).toBe(201);
  });
});
