import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile as execFileCb } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  agreementApproved,
  agreementGet,
  agreementTerminated,
  graduateIdNumber,
  printPdfChunk,
  printPdfOpen,
  verifyToken,
  type AgreementSnapshot,
  type EventContract,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient, BusNames, ensureEventStream } from '@netsign/messaging';
import { runService, type RunningService } from '@netsign/runtime';
import { createTestEnv, publishTestEvent, waitFor, type TestEnv } from '@netsign/testing';
import { printingService } from '../src/printing.service.js';

const execFile = promisify(execFileCb);

/**
 * Printing as a service, on real Postgres, JetStream, Redis (BullMQ) and Chromium: an approval
 * event becomes a print record and a rendered PDF whose three QR codes verify as the three copies;
 * after a termination the same tokens report TERMINATED. Identity and signing are stood in for at
 * their NATS contracts (the whole flow through the gateway is in e2e/).
 */
describe('printing service', () => {
  let env: TestEnv;
  let printing: RunningService<unknown>;
  let nc: NatsConnection;
  let bus: BusClient;
  let names: BusNames;
  let storage: string;
  const agreementId = randomUUID();
  const idNumber = '11010519491231002X';
  const status = { current: 'APPROVED' };

  const snapshot: AgreementSnapshot = {
    agreementId,
    agreementNo: `2026-10357-${Math.floor(Math.random() * 1e6)}`,
    method: 'EMPLOYER_DIRECT',
    status: 'APPROVED',
    graduate: {
      graduateId: 'g-1',
      schoolCode: '10357',
      schoolName: '安徽大学',
      departmentCode: 'CS',
      departmentName: '计算机科学与技术学院',
      studentNo: 'S2026001',
      name: '王喆',
      gender: '男',
      major: '软件工程',
      degree: '本科',
      className: '软件 2201',
      originPlace: '安徽省合肥市',
      graduationYear: 2026,
      idNumberMasked: '110105********002X',
      sourceInfoConfirmed: true,
    },
    employer: {
      employerId: 'e-1',
      creditCode: '91340100MA2TXXXX0A',
      name: '合肥星辰信息技术有限公司',
      nature: '其他企业',
      industry: '软件和信息技术服务业',
      address: '合肥市高新区',
      hasHiringAutonomy: true,
      contactName: '王晓丽',
      contactPhone: '0551-65551234',
    },
    position: { positionId: 'p-1', title: '后端开发工程师', location: '合肥' },
    terms: {
      workLocation: '安徽省合肥市',
      monthlySalary: 9500,
      probationMonths: 3,
      contractYears: 3,
      archiveTransferAddress: '合肥市人才服务中心',
      hukouTransferAddress: '合肥市公安局高新分局',
      otherTerms: '五险一金',
      superiorAuthority: null,
    },
    signedAt: '2026-03-12T02:30:00Z',
    version: 2,
  };
  const graduateCtx: RequestContext = {
    principal: { userId: 'u-g1', role: 'GRADUATE', graduateId: 'g-1' },
    correlationId: 'print-flow',
  };

  /** Answers a request contract the way a Nest service would (packet format of the transport). */
  const standIn = (subject: string, reply: (data: any) => unknown) => {
    nc.subscribe(names.subject(subject), {
      callback: (_err, msg) => {
        const packet = msg.json<{ id: string; data: { data: unknown } }>();
        msg.respond(
          JSON.stringify({ id: packet.id, response: reply(packet.data.data), isDisposed: true }),
        );
      },
    });
  };

  const publish = (contract: EventContract<any>, payload: unknown) =>
    publishTestEvent(nc, env.busPrefix, contract, payload, agreementId);

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'netsign-print-'));
    env = await createTestEnv('printing', {
      STORAGE_DIR: storage,
      PRINT_CONCURRENCY: '1',
      PRINT_ROLE: 'all',
    });
    names = new BusNames(env.busPrefix);
    nc = await connect({ servers: env.vars['NATS_URL'] });
    await ensureEventStream(await jetstreamManager(nc), names, 'signing', { replicas: 1 });
    standIn(graduateIdNumber.subject, () => ({ idNumber }));
    standIn(agreementGet.subject, () => ({
      ...snapshot,
      status: status.current,
      id: agreementId,
      offerId: null,
      history: [],
    }));
    printing = (await runService(printingService, env.vars)) as RunningService<unknown>;
    bus = new BusClient(nc, names, 10_000);
  }, 60_000);

  afterAll(async () => {
    await printing?.close();
    await nc?.close();
    await env?.dispose();
    await rm(storage, { recursive: true, force: true });
  });

  it('renders an approved agreement into three verifiable copies', async () => {
    await publish(agreementApproved, {
      agreement: snapshot,
      taskId: 't-1',
      reviewer: { userId: 'staff-1', role: 'DEPARTMENT_STAFF' },
      approvedAt: '2026-03-14T08:05:00Z',
    });
    const opened = await waitFor(
      async () => {
        const r = await bus.request(printPdfOpen, { agreementId }, graduateCtx);
        return r.status === 'READY' ? r : undefined;
      },
      { timeoutMs: 45_000, intervalMs: 300, what: 'the PDF to be rendered' },
    );
    const chunks: Buffer[] = [];
    for (let index = 0; index < opened.chunks; index++) {
      const { data } = await bus.request(
        printPdfChunk,
        { agreementId, renderVersion: opened.renderVersion, index },
        graduateCtx,
      );
      chunks.push(Buffer.from(data, 'base64'));
    }
    const pdf = Buffer.concat(chunks);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = join(storage, 'downloaded.pdf');
    await writeFile(file, pdf);
    const { stdout: text } = await execFile('pdftotext', [file, '-']);
    expect(text).toContain(snapshot.agreementNo);
    expect(text).toContain('王喆');
    expect(text).toContain(idNumber); // the printed agreement carries the full number
    for (const label of ['第一联', '第二联', '第三联']) expect(text).toContain(label);

    await execFile('pdftoppm', ['-r', '150', '-png', file, join(storage, 'page')]);
    const tokens: string[] = [];
    for (const png of (await readdir(storage))
      .filter((f) => f.startsWith('page') && f.endsWith('.png'))
      .sort()) {
      const { stdout } = await execFile('zbarimg', [
        '--quiet',
        '--raw',
        '-Sdisable',
        '-Sqrcode.enable',
        join(storage, png),
      ]);
      tokens.push(...stdout.trim().split('\n').filter(Boolean));
    }
    expect(tokens).toHaveLength(3);
    const copies = [];
    for (const url of tokens) {
      expect(url.startsWith('http://localhost:3000/verify/')).toBe(true);
      const result = await bus.request(
        verifyToken,
        { token: url.split('/').pop()!, client: null },
        graduateCtx,
      );
      expect(result).toMatchObject({
        genuine: true,
        agreementNo: snapshot.agreementNo,
        agreementStatus: 'APPROVED',
        graduateNameMasked: '王*',
      });
      copies.push(result.copy);
    }
    expect(copies.sort()).toEqual(['EMPLOYER', 'GRADUATE', 'SCHOOL']);

    // An altered token is refused.
    const token = tokens[0]!.split('/').pop()!;
    const altered = token.slice(0, 20) + (token[20] === 'A' ? 'B' : 'A') + token.slice(21);
    await expect(
      bus.request(verifyToken, { token: altered, client: null }, graduateCtx),
    ).rejects.toMatchObject({
      code: 'VERIFICATION_INVALID',
    });

    // After a termination the same printed copies say so.
    status.current = 'TERMINATED';
    await publish(agreementTerminated, {
      agreement: { ...snapshot, status: 'TERMINATED', version: 3 },
      previousStatus: 'APPROVED',
      terminationId: 'term-1',
      decider: { userId: 'c-1', role: 'COUNSELLOR' },
      reason: '双方协商一致',
      terminatedAt: new Date().toISOString(),
    });
    await waitFor(
      async () =>
        (await bus.request(verifyToken, { token, client: null }, graduateCtx)).agreementStatus ===
        'TERMINATED',
      { what: 'verification to report TERMINATED' },
    );
  }, 90_000);
});
