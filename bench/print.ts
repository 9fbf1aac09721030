/**
 * `npm run bench:print`: agreements/s through the real path — approval event → printing's consumer
 * → BullMQ `print` queue → separate print-worker processes (1, then 2) → PDF on disk — against the
 * bare render loop on the same template in the same run (queue overhead), plus worker memory.
 * Identity is stood in for at its NATS contract (the full ID number for the print).
 */
import { writeBenchFigures } from './bench-report.js';
import 'reflect-metadata';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { agreementApproved, graduateIdNumber, type AgreementSnapshot } from '@netsign/contracts';
import { BusNames } from '@netsign/messaging';
import { runService } from '@netsign/runtime';
import { createTestEnv, publishTestEvent, waitFor } from '@netsign/testing';
import { printingService } from '../apps/printing/src/printing.service.js';
import { benchRender } from './print-render.js';

const DOCUMENTS = Number(process.argv[2]) || 40;

function snapshot(i: number): AgreementSnapshot {
  return {
    agreementId: randomUUID(),
    agreementNo: `2026-10357-${String(i).padStart(6, '0')}`,
    method: 'EMPLOYER_DIRECT',
    status: 'APPROVED',
    graduate: {
      graduateId: `g-${i}`,
      schoolCode: '10357',
      schoolName: '安徽大学',
      departmentCode: 'CS',
      departmentName: '计算机科学与技术学院',
      studentNo: `S${i}`,
      name: i % 2 ? '王喆' : '李堃',
      gender: '男',
      major: '软件工程',
      degree: '本科',
      className: '软件2201',
      originPlace: '安徽省合肥市',
      graduationYear: 2026,
      idNumberMasked: '340104********5112',
      sourceInfoConfirmed: true,
    },
    employer: {
      employerId: 'e-1',
      creditCode: '91340100MA2TXXXX0A',
      name: '合肥星辰信息技术有限公司',
      nature: '其他企业',
      industry: '信息传输、软件和信息技术服务业',
      address: '安徽省合肥市高新区望江西路 800 号',
      hasHiringAutonomy: false,
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
      hukouTransferAddress: '合肥市公安局高新分局户政科',
      otherTerms: '单位为毕业生缴纳五险一金，提供人才公寓一年。',
      superiorAuthority: 'EMPLOYMENT_PLACE_TALENT_SERVICE',
    },
    signedAt: '2026-03-12T02:30:00Z',
    version: 2,
  };
}

/** RSS in MB of a process and all its descendants (the worker and its Chromium). */
function treeRssMb(pid: number): number {
  const out = execFileSync('ps', ['-eo', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  const rows = out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number) as [number, number, number]);
  const tree = new Set([pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [p, pp] of rows) if (tree.has(pp) && !tree.has(p)) (tree.add(p), (grew = true));
  }
  return Math.round(rows.filter(([p]) => tree.has(p)).reduce((s, [, , rss]) => s + rss, 0) / 1024);
}

async function main(): Promise<void> {
  const storage = await mkdtemp(join(tmpdir(), 'bench-print-'));
  const env = await createTestEnv('bench_print', {
    LOG_LEVEL: 'error',
    STORAGE_DIR: storage,
    PRINT_ROLE: 'api',
  });
  const nc = await connect({ servers: env.vars['NATS_URL'] });
  const names = new BusNames(env.busPrefix);
  nc.subscribe(names.subject(graduateIdNumber.subject), {
    callback: (_e, msg) => {
      const { id } = msg.json<{ id: string }>();
      msg.respond(
        JSON.stringify({ id, response: { idNumber: '340104200301015112' }, isDisposed: true }),
      );
    },
  });
  const api = await runService(printingService, env.vars);
  const ready = async () =>
    Number(
      (
        (await api.dataSource.query(
          `SELECT count(*) AS n FROM print_records WHERE status = 'READY'`,
        )) as Array<{ n: string }>
      )[0]!.n,
    );
  let published = 0;
  const run = async (count: number) => {
    const target = (await ready()) + count;
    const started = Date.now();
    for (let i = 0; i < count; i++) {
      const s = snapshot(published++);
      await publishTestEvent(
        nc,
        env.busPrefix,
        agreementApproved,
        {
          agreement: s,
          taskId: 't',
          reviewer: { userId: 'r', role: 'DEPARTMENT_STAFF' },
          approvedAt: new Date().toISOString(),
        },
        s.agreementId,
      );
    }
    await waitFor(async () => (await ready()) >= target, { timeoutMs: 600_000, intervalMs: 100 });
    return count / ((Date.now() - started) / 1000);
  };
  const workers: ChildProcess[] = [];
  const results: Array<{ workers: number; rate: number; memory: number[] }> = [];
  try {
    for (const count of [1, 2]) {
      while (workers.length < count) {
        workers.push(
          spawn(process.execPath, ['dist/apps/printing/src/main.js'], {
            env: { ...process.env, ...env.vars, PRINT_ROLE: 'worker', PRINT_CONCURRENCY: '2' },
            stdio: 'ignore',
          }),
        );
      }
      await run(4 * count); // warm-up: browser launch and font loading in each worker
      const rate = await run(DOCUMENTS);
      results.push({ workers: count, rate, memory: workers.map((w) => treeRssMb(w.pid!)) });
      console.log(
        `through the queue, ${count} worker(s) × 2 pages: ${rate.toFixed(2)} agreements/s; worker+Chromium RSS ${results.at(-1)!.memory.join(', ')} MB`,
      );
    }
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await api.close();
    await nc.close();
    await env.dispose();
  }
  const bare = await benchRender({
    documents: DOCUMENTS,
    concurrencies: [2],
    log: () => undefined,
  });
  const engine = bare.find((r) => !/naive/.test(r.variant))!;
  const naive = bare.find((r) => /naive/.test(r.variant))!;
  console.log(
    `bare render loop (same template, 2 pages): engine ${engine.agreementsPerSecond.toFixed(2)}/s, naive ${naive.agreementsPerSecond.toFixed(2)}/s`,
  );
  const one = results[0]!.rate;
  const two = results[1]!.rate;
  console.log(
    `queue overhead (1 worker vs bare engine): ${((1 - one / engine.agreementsPerSecond) * 100).toFixed(1)}% (target ≤ 10%)`,
  );
  console.log(
    `best through the queue ${Math.max(one, two).toFixed(2)}/s (target ≥ 5/s); ${(Math.max(one, two) / naive.agreementsPerSecond).toFixed(1)}× the naive render (target ≥ 4×)`,
  );
  console.log('note: figures on a loaded 2-core machine move a lot; compare the rows of one run.');
  // One worker renders PRINT_CONCURRENCY=2 pages at once on this machine's cores.
  writeBenchFigures('print', {
    agreementsPerSecond: one,
    twoWorkersAgreementsPerSecond: two,
    cores: availableParallelism(),
  });
  await rm(storage, { recursive: true, force: true });
}

await main();
process.exit(0);
