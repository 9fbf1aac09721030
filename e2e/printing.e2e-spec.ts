import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile as execFileCb } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '@netsign/testing';
import { Queue } from 'bullmq';
import {
  PRINT_QUEUE,
  queuePrefix,
  redisConnection,
} from '../apps/printing/src/modules/print-jobs/print-queue.js';
import { documentChecker } from './support/openapi-conformance.js';
import {
  startSigningWorld,
  TERMS,
  type Employer,
  type Graduate,
  type SigningWorld,
} from './support/signing-world.js';

const execFile = promisify(execFileCb);

/**
 * From approval to a printed agreement and back, through the gateway on the real system
 * (Postgres, JetStream, Redis/BullMQ, Chromium): the PDF holds three copies whose QR codes decode
 * to tokens that verify as the three copies, and is signed by the platform (poppler's pdfsig and
 * POST /api/verify/file agree; one changed byte and neither does); after a termination the same
 * tokens and the same file say TERMINATED.
 */
describe('printing through the gateway', () => {
  let w: SigningWorld;
  let employer: Employer;
  let other: Employer;
  let g: Graduate;
  let dir: string;
  let agreementId: string;
  let urls: string[] = [];
  let pdf: Buffer;
  const http = (method: string, path: string, token?: string, body?: unknown) =>
    w.p.http(method, path, { token, body });
  /** POST /api/verify/file with no token (anyone may check a file); the answer is kept for the OpenAPI check. */
  const verifyFile = async (bytes: Buffer | null, name = 'agreement.pdf') => {
    const form = new FormData();
    if (bytes)
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), name);
    const res = await fetch(`${w.p.url}/api/verify/file`, { method: 'POST', body: form });
    const body = (await res.json()) as any;
    w.p.answers.push({
      method: 'POST',
      path: '/api/verify/file',
      status: res.status,
      contentType: res.headers.get('content-type'),
      body,
    });
    return { status: res.status, body };
  };
  const pdfsig = async (name: string, bytes: Buffer) => {
    const file = join(dir, name);
    await writeFile(file, bytes);
    // pdfsig exits 0 for an invalid signature too; what it prints is what a reader would say.
    return (await execFile('pdfsig', [file])).stdout;
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netsign-e2e-print-'));
    w = await startSigningWorld('printing', 3);
    employer = await w.employer(1, true);
    other = await w.employer(2, true);
    g = await w.graduate(1);
    agreementId = w.ok<{ agreementId: string }>(
      await http('POST', '/api/agreements', employer.token, {
        positionId: employer.positionId,
        graduate: g.identity,
        terms: TERMS,
      }),
    ).agreementId;
  }, 120_000);

  afterAll(async () => {
    await w?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses to print before approval, renders after it, and serves the parties only', async () => {
    const early = await http('GET', `/api/agreements/${agreementId}/pdf`, g.token);
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOT_PRINTABLE');

    await waitFor(async () =>
      (await http('GET', '/api/review-tasks?pageSize=100', w.schoolAdmin)).body.items?.find(
        (t: any) => t.agreementId === agreementId,
      ),
    );

    // The print queue is held while the approval reaches printing, so the answer before the PDF
    // exists is seen for certain: 202 RENDERING (never 200, never an error), and it stays so.
    const redis = redisConnection(w.p.env.vars['REDIS_URL']!);
    const queue = new Queue(PRINT_QUEUE, {
      connection: redis,
      prefix: queuePrefix({ BUS_PREFIX: w.p.env.busPrefix }),
    });
    const open = () =>
      fetch(`${w.p.url}/api/agreements/${agreementId}/pdf`, {
        headers: { authorization: `Bearer ${g.token}` },
      });
    try {
      await queue.pause();
      w.ok(
        await http('POST', `/api/agreements/${agreementId}/review`, w.schoolAdmin, {
          decision: 'APPROVE',
        }),
      );
      const rendering = await waitFor(
        async () => {
          const res = await open();
          if (res.status === 409) return undefined; // the approval is still on its way to signing
          return res;
        },
        { timeoutMs: 30_000, intervalMs: 100, what: 'an answer after the approval' },
      );
      expect(rendering.status).toBe(202);
      expect(await rendering.json()).toEqual({ status: 'RENDERING' });
      // Once printing has its record (QUEUED, its job held in the queue) the answer is the same.
      await waitFor(
        async () =>
          (await http('GET', '/api/print-records?pageSize=100', w.schoolAdmin)).body.items?.some(
            (r: any) => r.agreementId === agreementId && r.status === 'QUEUED',
          ),
        { what: 'the print record, queued' },
      );
      const queued = await open();
      expect(queued.status).toBe(202);
      expect(await queued.json()).toEqual({ status: 'RENDERING' });
    } finally {
      await queue.resume();
      await queue.close();
      redis.disconnect();
    }

    pdf = await waitFor(
      async () => {
        const res = await open();
        if (res.status === 202) return undefined;
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('application/pdf');
        return Buffer.from(await res.arrayBuffer());
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'the agreement PDF' },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The employer that signed may print it too; another employer may not.
    expect(
      (
        await fetch(`${w.p.url}/api/agreements/${agreementId}/pdf`, {
          headers: { authorization: `Bearer ${employer.token}` },
        })
      ).status,
    ).toBe(200);
    // Another employer is told nothing about the agreement, as when it reads it (signing's scope).
    const foreign = await http('GET', `/api/agreements/${agreementId}/pdf`, other.token);
    expect([foreign.status, foreign.body.code]).toEqual([404, 'NOT_FOUND']);

    const file = join(dir, 'agreement.pdf');
    await writeFile(file, pdf);
    const { stdout: text } = await execFile('pdftotext', [file, '-']);
    for (const label of ['第一联', '第二联', '第三联']) expect(text).toContain(label);
    expect(text).toContain(g.identity.idNumber);
    await execFile('pdftoppm', ['-r', '150', '-png', file, join(dir, 'page')]);
    for (const png of (await readdir(dir)).filter((f) => f.endsWith('.png')).sort()) {
      const { stdout } = await execFile('zbarimg', [
        '--quiet',
        '--raw',
        '-Sdisable',
        '-Sqrcode.enable',
        join(dir, png),
      ]);
      urls.push(...stdout.trim().split('\n').filter(Boolean));
    }
    expect(urls).toHaveLength(3);
  }, 150_000);

  it('verifies each printed copy publicly, with masked names, and refuses forgeries', async () => {
    const copies: string[] = [];
    for (const url of urls) {
      // The QR opens the verification page (API.md: {PUBLIC_BASE_URL}/verify/{token}); the page
      // reads the same token's JSON answer under /api.
      const path = new URL(url).pathname;
      expect(path).toMatch(/^\/verify\/[^/]+$/);
      const res = await http('GET', `/api${path}`); // no token: anyone with a phone
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        genuine: true,
        agreementStatus: 'APPROVED',
        employerName: expect.any(String),
      });
      expect(res.body.graduateNameMasked).not.toContain(g.identity.name.slice(1));
      expect(JSON.stringify(res.body)).not.toContain(g.identity.idNumber);
      copies.push(res.body.copy);
    }
    expect(copies.sort()).toEqual(['EMPLOYER', 'GRADUATE', 'SCHOOL']);
    const token = new URL(urls[0]!).pathname.split('/').pop()!;
    const forged = await http('GET', `/api/verify/${token.slice(0, -4)}AAAA`);
    expect(forged.status).toBe(404);
    expect(forged.body.code).toBe('VERIFICATION_INVALID');
    const keys = await http('GET', '/api/verification-keys');
    expect(keys.body.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
  });

  it('signs the downloaded PDF as the platform: pdfsig says valid and POST /api/verify/file says genuine', async () => {
    const { agreementNo } = w.ok<{ agreementNo: string }>(
      await http('GET', `/api/agreements/${agreementId}`, g.token),
    );
    const report = await pdfsig('signed.pdf', pdf);
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Signature Type: adbe.pkcs7.detached');
    const res = await verifyFile(pdf);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      genuine: true,
      agreementNo,
      copies: ['EMPLOYER', 'GRADUATE', 'SCHOOL'],
      renderVersion: 1,
      current: true,
      agreementStatus: 'APPROVED',
      employerName: expect.any(String),
      graduateNameMasked: expect.not.stringContaining(g.identity.name.slice(1)),
      issuedAt: expect.any(String),
      signature: 'VALID',
    });
  });

  it('one byte changed inside the signed range: pdfsig says invalid and the file is not genuine', async () => {
    const [, , signedEnd] = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\]/
      .exec(pdf.toString('latin1'))!
      .map(Number) as number[];
    // The binary comment on the header's second line: covered by the signature (before the
    // /Contents hex), and changing it leaves the file readable, so pdfsig gets to the signature.
    const at = pdf.indexOf('\n%') + 2;
    expect(at).toBeLessThan(signedEnd!);
    const altered = Buffer.from(pdf);
    altered[at] ^= 0x01;
    const report = await pdfsig('altered.pdf', altered);
    expect(report).toContain('Signature Validation:');
    expect(report).not.toContain('Signature is Valid.');
    expect(await verifyFile(altered)).toEqual({
      status: 200,
      body: { genuine: false, signature: 'MODIFIED' },
    });
    // Another PDF, unsigned: not genuine, no signature; not a PDF, no file, too large: refused.
    expect(await verifyFile(Buffer.from('%PDF-1.7\n% some other document\n%%EOF\n'))).toEqual({
      status: 200,
      body: { genuine: false, signature: 'ABSENT' },
    });
    const notPdf = await verifyFile(Buffer.from('PK\u0003\u0004 a zip'), 'agreement.pdf');
    expect([notPdf.status, notPdf.body.code]).toEqual([415, 'UNSUPPORTED_FILE_TYPE']);
    const none = await verifyFile(null);
    expect([none.status, none.body.code, none.body.details.fields[0].field]).toEqual([
      400,
      'VALIDATION_FAILED',
      'file',
    ]);
    const huge = await verifyFile(
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]),
    );
    expect([huge.status, huge.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
  }, 60_000);

  it('lists print records with their history for staff and the employer, not for graduates', async () => {
    const list = w.ok<{ items: any[] }>(await http('GET', '/api/print-records', w.schoolAdmin));
    const record = list.items.find((r) => r.agreementId === agreementId);
    // The department by its name (院系名称) beside its code: clerks read names, not codes.
    expect(record).toMatchObject({
      status: 'READY',
      agreementStatus: 'APPROVED',
      departmentCode: 'CS',
      departmentName: '计算机学院',
    });
    expect(record.history.map((h: any) => h.action)).toEqual(
      expect.arrayContaining(['QUEUED', 'DOWNLOADED']),
    );
    expect(
      w
        .ok<{ items: any[] }>(await http('GET', '/api/print-records', employer.token))
        .items.map((r) => r.agreementId),
    ).toContain(agreementId);
    expect(
      w.ok<{ items: any[] }>(await http('GET', '/api/print-records', other.token)).items,
    ).toEqual([]);
    expect((await http('GET', '/api/print-records', g.token)).status).toBe(403);
    expect((await http('GET', '/admin/queues')).status).toBe(401);
    expect(
      (
        await fetch(`${w.p.url}/admin/queues`, {
          headers: { authorization: `Bearer ${employer.token}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (await fetch(`${w.p.url}/admin/queues`, { headers: { authorization: `Bearer ${w.admin}` } }))
        .status,
    ).toBe(200);
    const metrics = await (await fetch(`${w.p.url}/api/metrics`)).text();
    expect(metrics).toMatch(/netsign_print_queue_jobs\{state="completed"\} [1-9]/);
    // How long the job waited and rendered, from the completed jobs BullMQ keeps.
    const render = /netsign_print_job_seconds\{phase="render",quantile="0.5"\} ([\d.e-]+)/.exec(
      metrics,
    );
    expect(Number(render?.[1])).toBeGreaterThan(0);
    expect(metrics).toMatch(/netsign_print_job_seconds\{phase="wait",quantile="0.99"\} [\d.e-]+/);
  });

  it('reports TERMINATED for the same printed copies after a termination', async () => {
    const form = new FormData();
    form.append('agreementId', agreementId);
    form.append('reason', '个人原因，单位同意解约');
    form.append(
      'materials',
      new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n% termination letter\n'))]),
      'letter.pdf',
    );
    const applied = await fetch(`${w.p.url}/api/terminations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.token}` },
      body: form,
    });
    expect(applied.status).toBe(201);
    const termination = (await applied.json()) as { id: string };
    w.ok(
      await http('POST', `/api/terminations/${termination.id}/decision`, w.schoolAdmin, {
        decision: 'AGREE',
        reason: '材料齐全',
      }),
    );
    const path = `/api${new URL(urls[1]!).pathname}`;
    await waitFor(async () => (await http('GET', path)).body.agreementStatus === 'TERMINATED', {
      timeoutMs: 30_000,
      what: 'TERMINATED on verification',
    });
    // The downloaded file is still the genuine file; the answer says what became of the agreement.
    expect((await verifyFile(pdf)).body).toMatchObject({
      genuine: true,
      agreementStatus: 'TERMINATED',
      signature: 'VALID',
    });
  });

  it('answered everything above as the OpenAPI document declares (verification, file verification, print records, agreements)', async () => {
    const { covered, mismatches } = (await documentChecker(w.p)).checkAll(w.p.answers);
    expect(mismatches).toEqual([]);
    expect(covered).toEqual(
      expect.arrayContaining([
        'verifyCopy',
        'verifyPdfFile',
        'listPrintRecords',
        'reviewAgreement',
        'decideTermination',
      ]),
    );
  });
});
