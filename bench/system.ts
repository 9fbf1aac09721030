import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { GatewayClient } from '../chaos/client.js';
import { backlog } from '../chaos/invariants.js';
import { privateNats, privatePostgres, privateRedis, type Server } from '../chaos/servers.js';
import { ADMIN_PASSWORD, createWorld, identityOf, TERMS, type World } from '../chaos/world.js';
import type * as System from '../scripts/system.mjs';

/**
 * `npm run bench:system`: the whole flow under a sustained, open-loop load (signings offered at a
 * fixed rate whatever the answers), every service and print worker running as `npm start` runs
 * them — once with one replica of each, once with two — on a PostgreSQL, Redis and NATS of its
 * own. A reviewer approves every task as it appears. Prints signings/s offered and completed;
 * p50/p95/p99 of sign → review task open, approve → PDF ready, approve → record accepted by the
 * provincial stand-in (from the services' own timestamps, so measuring adds no load); whether
 * each stage kept up; CPU per completed agreement per process; Postgres statements per signing
 * (pg_stat_statements). Knobs: BENCH_RATE (50/s), BENCH_SECONDS (60), BENCH_REPLICAS ("1,2"),
 * BENCH_DRAIN_SECONDS (60: how long to wait after the load for the stages to catch up).
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const system = (await import(
  pathToFileURL(join(root, 'scripts', 'system.mjs')).href
)) as typeof System;

const RATE = Number(process.env.BENCH_RATE ?? 50);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const DRAIN_SECONDS = Number(process.env.BENCH_DRAIN_SECONDS ?? 60);
const REPLICAS = (process.env.BENCH_REPLICAS ?? '1,2').split(',').map(Number);
const TARGET = { pdfP95: 3, provinceP95: 5 };

function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** Every live process whose parent chain leads to `pid` (a print worker's Chromium, Postgres backends). */
function treeCpu(pid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirProc()) {
    try {
      const ppid = Number(
        readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1],
      );
      children.set(ppid, [...(children.get(ppid) ?? []), entry]);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  const walk = (p: number) => {
    total += cpuSeconds(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(pid);
  return total;
}

function readdirProc(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

const pct = (values: number[], p: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};
const fmt = (values: number[]) =>
  `p50 ${pct(values, 50).toFixed(2)} s, p95 ${pct(values, 95).toFixed(2)} s, p99 ${pct(values, 99).toFixed(2)} s (n=${values.length})`;

async function runOnce(replicas: number): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'netsign-bench-system-'));
  chmodSync(runDir, 0o755);
  const logDir = join(runDir, 'logs');
  mkdirSync(logDir);
  const port = () => system.freePort();
  const postgres = privatePostgres(join(runDir, 'postgres'), await port());
  const redis = privateRedis(join(runDir, 'redis'), await port());
  const nats = privateNats(join(runDir, 'nats'), await port());
  const servers: Server[] = [postgres, redis, nats];
  const running: System.RunningProcess[] = [];
  let db: pg.Pool | null = null;
  try {
    for (const s of servers) await s.start();
    let gatewayBase = 0;
    while (!gatewayBase) {
      const base = await system.freePort();
      const rest = Array.from({ length: replicas - 1 }, (_, i) =>
        system.probePort(base + i + 1, '127.0.0.1'),
      );
      if ((await Promise.allSettled(rest)).every((r) => r.status === 'fulfilled'))
        gatewayBase = base;
    }
    const env: Record<string, string | undefined> = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: postgres.url,
      REDIS_URL: redis.url,
      NATS_URL: nats.url,
      BUS_PREFIX: 'bench',
      GATEWAY_PORT: String(gatewayBase),
      GATEWAY_HOST: '127.0.0.1',
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayBase}`,
      RATE_LIMIT_PER_MINUTE: '100000000',
      BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
      PROVINCE_STANDIN_PORT: String(await port()),
      WECHAT_FAKE_PORT: String(await port()),
      STORAGE_DIR: join(runDir, 'files'),
    };
    for (const k of ['PROVINCE_DISPATCH_URL', 'WECHAT_API_BASE', 'WECHAT_APPID', 'WECHAT_SECRET'])
      delete env[k];
    const list = system.buildProcessList({ replicas, env, root });
    for (const p of list) running.push(system.startProcess(p, { logDir }));
    const gateways = list
      .filter((p) => p.role === 'gateway')
      .map((p) => `http://127.0.0.1:${p.port!.number}`);
    const provinceUrl = `http://127.0.0.1:${env['PROVINCE_STANDIN_PORT']}`;
    for (const deadline = Date.now() + 240_000; ;) {
      const healthy = await Promise.all(
        gateways.map((g) =>
          fetch(`${g}/api/health`).then(
            (r) => r.status === 200,
            () => false,
          ),
        ),
      );
      if (healthy.every(Boolean)) break;
      if (Date.now() > deadline) throw new Error('the system was not healthy within 240 s');
      await sleep(500);
    }
    db = new pg.Pool({ connectionString: postgres.url, max: 2 });
    const total = Math.ceil(RATE * SECONDS * 1.05) + 10;
    const client = new GatewayClient(gateways);
    const world = await createWorld(client, total);
    // Seeding shortcut, as bench:signing: source info confirmed in identity's table (binding is not what is measured).
    await db.query(`UPDATE identity.graduates SET source_info_confirmed_at = now()`);
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
    await sleep(2000); // the confirmations reach signing's projection

    const cpu0 = new Map(running.map((r) => [r.spec.name, treeCpu(r.pid!)]));
    const pgPid = Number(
      readFileSync(join(runDir, 'postgres', 'data', 'postmaster.pid'), 'utf8').split('\n')[0],
    );
    const pg0 = treeCpu(pgPid);
    await db.query(`SELECT pg_stat_statements_reset()`);
    const started = Date.now();
    let offered = 0;
    let answered = 0;
    let failed = 0;
    let stop = false;
    // Reviewers: approve whatever is pending, as fast as it comes.
    const reviewers = Object.values(world.reviewer).map(async (token) => {
      while (!stop) {
        const tasks = await client.call('GET', '/api/review-tasks?status=PENDING&pageSize=100', {
          token,
        });
        const items: Array<{ agreementId: string }> = tasks.body?.items ?? [];
        if (items.length === 0) await sleep(200);
        await Promise.all(
          items.map((t) =>
            client.call('POST', `/api/agreements/${t.agreementId}/review`, {
              token,
              body: { decision: 'APPROVE' },
            }),
          ),
        );
      }
    });
    const backlogSamples: Array<{ at: number; left: number }> = [];
    const sampler = (async () => {
      while (!stop) {
        const left = await backlog(db!, nats.url).catch(() => []);
        const pending = (
          await db!.query<{ n: string }>(
            `SELECT count(*) AS n FROM review.review_tasks WHERE status = 'PENDING'`,
          )
        ).rows[0]!.n;
        backlogSamples.push({
          at: (Date.now() - started) / 1000,
          left: left.reduce((s, l) => s + Number(/^(\d+)/.exec(l)?.[1] ?? 0), 0) + Number(pending),
        });
        await sleep(5000);
      }
    })();
    const inFlight: Promise<void>[] = [];
    const employer = (i: number) => world.employers[i % world.employers.length]!;
    while (Date.now() - started < SECONDS * 1000) {
      const due = started + (offered / RATE) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
      const i = ++offered;
      const e = employer(i);
      inFlight.push(
        client
          .call('POST', '/api/agreements', {
            token: e.token,
            body: { positionId: e.positionId, graduate: identityOf(i), terms: TERMS },
          })
          .then(
            (a) => (a.status === 201 ? answered++ : failed++),
            () => failed++,
          )
          .then(() => undefined),
      );
    }
    await Promise.all(inFlight);
    const loadSeconds = (Date.now() - started) / 1000;
    // Drain: how long until every stage caught up (bounded).
    let drained = -1;
    for (const deadline = Date.now() + DRAIN_SECONDS * 1000; Date.now() < deadline;) {
      const pending = Number(
        (
          await db.query<{ n: string }>(
            `SELECT count(*) AS n FROM review.review_tasks WHERE status = 'PENDING'`,
          )
        ).rows[0]!.n,
      );
      if (pending === 0 && (await backlog(db, nats.url)).length === 0) {
        drained = (Date.now() - started) / 1000 - loadSeconds;
        break;
      }
      await sleep(1000);
    }
    stop = true;
    await Promise.all([...reviewers, sampler]).catch(() => undefined);
    const cpu = running.map(
      (r) => [r.spec.name, treeCpu(r.pid!) - cpu0.get(r.spec.name)!] as const,
    );
    const pgCpu = treeCpu(pgPid) - pg0;
    const statements = await statementsPerSigning(db, answered);
    const latencies = await stageLatencies(db, provinceUrl, world);
    const completed = latencies.approved;
    const perAgreement = (s: number) => (completed ? (s / completed) * 1000 : NaN);
    const printed = latencies.pdf.length;

    const half = backlogSamples.filter((s) => s.at <= loadSeconds);
    const growing = half.length >= 4 && half.at(-1)!.left > half[Math.floor(half.length / 2)]!.left;
    console.log(
      `\n== bench:system — ${replicas} replica(s) of every process, ${RATE} signings/s offered for ${SECONDS} s ==`,
    );
    console.log(
      `signings : offered ${offered} (${(offered / loadSeconds).toFixed(1)}/s), answered 201 ${answered} (${(answered / loadSeconds).toFixed(1)}/s), failed ${failed}`,
    );
    console.log(
      `completed: ${completed} approved, ${printed} PDFs ready, ${latencies.province.length} accepted by the province (over the load and drain: ${(completed / (loadSeconds + Math.max(drained, 0))).toFixed(1)} approvals/s, ${(printed / (loadSeconds + Math.max(drained, 0))).toFixed(1)} PDFs/s)`,
    );
    console.log(`sign → review task open      : ${fmt(latencies.review)}`);
    console.log(
      `approve → PDF ready          : ${fmt(latencies.pdf)}  target p95 ≤ ${TARGET.pdfP95} s: ${pct(latencies.pdf, 95) <= TARGET.pdfP95 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `approve → province accepted  : ${fmt(latencies.province)}  target p95 ≤ ${TARGET.provinceP95} s: ${pct(latencies.province, 95) <= TARGET.provinceP95 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `backlog (review tasks + queued prints + undelivered records + consumer lag), every 5 s: ${backlogSamples.map((s) => s.left).join(' ')}`,
    );
    console.log(
      `keeps up : ${growing ? 'NO — the backlog grew while the load ran' : 'yes'}; ${drained >= 0 ? `drained ${drained.toFixed(1)} s after the load` : `not drained ${DRAIN_SECONDS} s after the load`} (target: no growing backlog)`,
    );
    console.log(
      `CPU per approved agreement (ms): ${cpu.map(([n, s]) => `${n} ${perAgreement(s).toFixed(2)}`).join(', ')}, postgres ${perAgreement(pgCpu).toFixed(2)}; print workers per PDF ready: ${printed ? ((cpu.filter(([n]) => n.startsWith('print-worker')).reduce((t, [, s]) => t + s, 0) / printed) * 1000).toFixed(1) : 'NaN'}`,
    );
    console.log(
      `Postgres statements per signing: ${statements.perSigning.toFixed(1)} (${statements.ms.toFixed(2)} ms of execution); top: ${statements.top.join('; ')}`,
    );
    console.log(
      `load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`,
    );
  } finally {
    await system.stopProcesses(running).catch(() => undefined);
    await db?.end().catch(() => undefined);
    for (const s of servers) await s.stop().catch(() => undefined);
    rmSync(runDir, { recursive: true, force: true });
  }
}

/** pg_stat_statements over the measured window: calls per signing answered, and the heaviest statements. */
export async function statementsPerSigning(
  db: pg.Pool,
  signings: number,
): Promise<{ perSigning: number; ms: number; top: string[] }> {
  const { rows } = await db.query<{ query: string; calls: string; ms: number }>(`
    SELECT query, calls, total_exec_time AS ms FROM pg_stat_statements
     WHERE query NOT ILIKE '%pg_stat_statements%' ORDER BY calls DESC`);
  const calls = rows.reduce((s, r) => s + Number(r.calls), 0);
  const ms = rows.reduce((s, r) => s + Number(r.ms), 0);
  const top = rows
    .slice(0, 6)
    .map(
      (r) =>
        `${(Number(r.calls) / Math.max(signings, 1)).toFixed(2)}× ${r.query.replace(/\s+/g, ' ').slice(0, 70)}`,
    );
  return { perSigning: calls / Math.max(signings, 1), ms: ms / Math.max(signings, 1), top };
}

/** Latencies from the services' own timestamps (seconds). */
async function stageLatencies(
  db: pg.Pool,
  provinceUrl: string,
  _world: World,
): Promise<{ review: number[]; pdf: number[]; province: number[]; approved: number }> {
  const review = await db.query<{ s: number }>(`
    SELECT extract(epoch FROM i.processed_at - a.signed_at)::float8 AS s
      FROM signing.agreements a
      JOIN signing.outbox o ON o.envelope->>'aggregateId' = a.id::text AND o.envelope->>'type' = 'signing.agreement.signed'
      JOIN review.inbox i ON i.event_id = o.id`);
  const pdf = await db.query<{ s: number }>(`
    SELECT extract(epoch FROM p.rendered_at - h.at)::float8 AS s
      FROM printing.print_records p JOIN signing.agreement_history h ON h.agreement_id = p.agreement_id AND h.to_status = 'APPROVED'
     WHERE p.status = 'READY'`);
  const approvedAt = new Map(
    (
      await db.query<{ no: string; at: Date }>(`
    SELECT a.agreement_no AS no, h.at FROM signing.agreements a JOIN signing.agreement_history h ON h.agreement_id = a.id AND h.to_status = 'APPROVED'`)
    ).rows.map((r) => [r.no, r.at.getTime()]),
  );
  const accepted = (await (await fetch(`${provinceUrl}/records?limit=10000`)).json()) as {
    items: Array<{ record: { agreementNo: string; kind: string }; acceptedAt: string }>;
  };
  const province = accepted.items
    .filter((a) => a.record.kind === 'EMPLOYMENT' && approvedAt.has(a.record.agreementNo))
    .map((a) => (Date.parse(a.acceptedAt) - approvedAt.get(a.record.agreementNo)!) / 1000);
  return {
    review: review.rows.map((r) => r.s),
    pdf: pdf.rows.map((r) => r.s),
    province,
    approved: approvedAt.size,
  };
}

for (const replicas of REPLICAS) await runOnce(replicas);
