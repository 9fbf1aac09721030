import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  sendRecord,
  type OutboundRecord,
  type ProvinceClientOptions,
} from '../src/modules/delivery/province-client.js';
import { employmentInput, idNumberFor } from './dispatch-fixtures.js';

/** One attempt over real HTTP against a scripted server: headers, bytes, and every kind of answer. */
describe('province client', () => {
  let server: Server;
  let url: string;
  let answer: (req: IncomingMessage, res: ServerResponse, raw: Buffer) => void = () => undefined;
  const seen: Array<{ headers: IncomingMessage['headers']; raw: Buffer }> = [];
  const idNumber = idNumberFor(9);
  const halt = new AbortController().signal;

  const input = employmentInput(9, 1);
  const record: OutboundRecord = {
    id: '2f1b1f8e-3c55-4c4e-9b61-6e0b3c1b9a01',
    graduateId: 'graduate-9',
    graduateSequence: 3,
    kind: 'EMPLOYMENT',
    body: {
      schoolCode: input.graduate.schoolCode,
      studentNo: input.graduate.studentNo,
      name: input.graduate.name,
      agreementNo: input.agreementNo,
      signingMethod: input.signingMethod!,
      employer: input.employer!,
      position: input.position!,
      superiorAuthority: null,
      occurredAt: '2025-06-01T08:00:01.000Z',
    },
  };
  const options = (overrides: Partial<ProvinceClientOptions> = {}): ProvinceClientOptions => ({
    url,
    secret: 'client-secret',
    requestTimeoutMs: 300,
    resolveTimeoutMs: 300,
    resolveIdNumber: async () => idNumber,
    ...overrides,
  });

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        seen.push({ headers: req.headers, raw });
        answer(req, res, raw);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('sends API.md’s body with the Idempotency-Key and the HMAC of the exact bytes', async () => {
    answer = (_req, res) =>
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"ACCEPTED"}');
    expect(await sendRecord(options(), record, halt)).toEqual({
      result: 'accepted',
      status: 201,
      response: { status: 'ACCEPTED' },
    });
    const { headers, raw } = seen.at(-1)!;
    expect(headers['idempotency-key']).toBe(record.id);
    expect(headers['x-signature']).toBe(
      createHmac('sha256', 'client-secret').update(raw).digest('hex'),
    );
    const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual([
      'recordId',
      'graduateSequence',
      'kind',
      'schoolCode',
      'studentNo',
      'name',
      'idNumber',
      'agreementNo',
      'signingMethod',
      'employer',
      'position',
      'superiorAuthority',
      'occurredAt',
    ]);
    expect(body).toMatchObject({
      recordId: record.id,
      graduateSequence: 3,
      idNumber,
      name: input.graduate.name,
    });
  });

  it('sends a DESTINATION record (decision 0007) with its own fields and none of an agreement’s', async () => {
    answer = (_req, res) =>
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"status":"ACCEPTED"}');
    const destination: OutboundRecord = {
      id: '2f1b1f8e-3c55-4c4e-9b61-6e0b3c1b9a02',
      graduateId: 'graduate-9',
      graduateSequence: 4,
      kind: 'DESTINATION',
      body: {
        schoolCode: input.graduate.schoolCode,
        studentNo: input.graduate.studentNo,
        name: input.graduate.name,
        destination: 'AWAITING_EMPLOYMENT',
        destinationCode: '70',
        occurredAt: '2025-06-02T08:00:00.000Z',
      },
    };
    expect((await sendRecord(options(), destination, halt)).result).toBe('accepted');
    const body = JSON.parse(seen.at(-1)!.raw.toString('utf8')) as Record<string, unknown>;
    expect(body).toEqual({
      recordId: destination.id,
      graduateSequence: 4,
      kind: 'DESTINATION',
      schoolCode: input.graduate.schoolCode,
      studentNo: input.graduate.studentNo,
      name: input.graduate.name,
      idNumber,
      destination: 'AWAITING_EMPLOYMENT',
      destinationCode: '70',
      occurredAt: '2025-06-02T08:00:00.000Z',
    });
  });
  it('masks an ID number the province echoes back before anything keeps it', async () => {
    answer = (_req, res, raw) =>
      res
        .writeHead(422)
        .end(
          JSON.stringify({ code: 'BAD', reason: 'bad record', echo: JSON.parse(raw.toString()) }),
        );
    const result = await sendRecord(options(), record, halt);
    expect(result).toMatchObject({
      result: 'rejected',
      status: 422,
      error: 'HTTP 422: BAD bad record',
    });
    expect(JSON.stringify(result)).not.toContain(idNumber);
    expect(JSON.stringify(result)).toContain(
      `${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`,
    );
  });

  it('retries 408, 429 and 5xx (honouring Retry-After), and gives up on other answers', async () => {
    answer = (_req, res) => res.writeHead(429, { 'retry-after': '3' }).end('slow down');
    expect(await sendRecord(options(), record, halt)).toEqual({
      result: 'retryable',
      status: 429,
      response: 'slow down',
      error: 'HTTP 429: slow down',
      retryAfterMs: 3000,
    });
    answer = (_req, res) => res.writeHead(502).end('<html>bad gateway</html>');
    expect(await sendRecord(options(), record, halt)).toMatchObject({
      result: 'retryable',
      status: 502,
    });
    answer = (_req, res) => res.writeHead(302, { location: '/elsewhere' }).end();
    expect(await sendRecord(options(), record, halt)).toMatchObject({
      result: 'rejected',
      status: 302,
    });
  });

  it('treats no answer in time, a dropped connection and an unreachable province as retryable', async () => {
    answer = () => undefined; // never answers
    expect(await sendRecord(options(), record, halt)).toEqual({
      result: 'retryable',
      error: 'no answer within 300 ms',
    });
    answer = (req) => req.socket.destroy();
    expect(await sendRecord(options(), record, halt)).toMatchObject({
      result: 'retryable',
      error: expect.stringMatching(/^no answer: /),
    });
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await sendRecord(options({ url: `http://127.0.0.1:${port}` }), record, halt)).toEqual({
      result: 'retryable',
      error: 'no answer: ECONNREFUSED',
    });
  });

  it('does not send when the ID number cannot be had, and says why', async () => {
    const before = seen.length;
    const failing = options({
      resolveIdNumber: async () => Promise.reject(new Error('identity unavailable')),
    });
    expect(await sendRecord(failing, record, halt)).toEqual({
      result: 'retryable',
      error: 'ID number not available: identity unavailable',
    });
    const slow = options({ resolveIdNumber: () => new Promise(() => undefined) });
    expect(await sendRecord(slow, record, halt)).toEqual({
      result: 'retryable',
      error: 'ID number not available: no answer within 300 ms',
    });
    expect(seen.length).toBe(before);
  });
});
