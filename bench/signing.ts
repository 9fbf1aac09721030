import { writeBenchFigures } from './bench-report.js';
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import pg from 'pg';
import { createTestEnv, waitFor, type TestEnv } from '@netsign/testing';
import {
  creditCodeCheckChar,
  organisationCodeCheckChar,
} from '../apps/identity/src/modules/accounts/domain/credit-code.js';
import { idNumberCheckChar } from '../apps/identity/src/modules/roster/domain/id-number.js';

/**
 * `npm run bench:signing`: sustained method-2 signings (POST /api/agreements, distinct graduates)
 * through the gateway with autocannon, against identity, recruiting and signing running as their
 * own processes (as in production), then — in the same run, on the same database — pgbench on the
 * equivalent SQL: insert agreement under the partial unique index + insert outbox row — and the
 * same SQL behind a bare NestJS + Fastify + pg route (bench/bare-signing-server.ts), to show what
 * HTTP on Node costs before any of the platform's work. Prints CPU per signing for every process.
 * Knobs (env): BENCH_GRADUATES (8000), BENCH_CONNECTIONS (16), BENCH_PGBENCH_SECONDS (15),
 * BENCH_BARE_REQUESTS (20000), BENCH_CORES (2), BENCH_SERVICES (all: every service), BENCH_PROFILE (a directory: V8 CPU profiles of
 * every service).
 */
/** autocannon ships no types (and @types/autocannon is not installed): the part used here. */
interface AutocannonResult {
  '2xx': number;
  non2xx: number;
  errors: number;
  latency: { p50: number; p99: number };
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: object,
) => Promise<AutocannonResult>;

const GRADUATES = Number(process.env.BENCH_GRADUATES ?? 8000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const WARMUP = Math.min(400, Math.floor(GRADUATES / 10));
const PGBENCH_SECONDS = Number(process.env.BENCH_PGBENCH_SECONDS ?? 15);
const BARE_REQUESTS = Number(process.env.BENCH_BARE_REQUESTS ?? 20000);
const CORES = Number(process.env.BENCH_CORES ?? 2);
/**
 * What a signing touches synchronously (the default), or BENCH_SERVICES=all: every service, as in
 * production — review then opens a task per signing and dispatch-sync counts it for statistics.
 */
const SERVICES =
  process.env.BENCH_SERVICES === 'all'
    ? ['identity', 'recruiting', 'signing', 'review', 'printing', 'dispatch-sync']
    : ['identity', 'recruiting', 'signing'];
const SCHOOL = '10357';
const ADMIN_PASSWORD = 'bench-admin-password';
const TERMS = {
  workLocation: '安徽省合肥市',
  monthlySalary: 9500,
  probationMonths: 3,
  contractYears: 3,
  archiveTransferAddress: '合肥市人才服务中心',
  hukouTransferAddress: '合肥市公安局',
  otherTerms: '',
  superiorAuthority: null,
};

function idNumber(n: number): string {
  const first17 = `3401042003${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (Math.floor(n / 12) % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
const identityOf = (i: number) => ({
  schoolCode: SCHOOL,
  name: `学生${i}`,
  studentNo: `B${i}`,
  idNumber: idNumber(i),
});

function startService(app: string, vars: Record<string, string>): ChildProcess {
  const file = fileURLToPath(new URL(`../apps/${app}/src/main.js`, import.meta.url));
  // BENCH_PROFILE=<dir>: each service writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_PROFILE
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`]
    : [];
  const child = spawn(process.execPath, [...profile, file], {
    env: { ...process.env, ...vars },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code && code !== 0) console.error(`[bench] ${app} exited with ${code}`);
  });
  return child;
}

/** CPU seconds a process has used so far (utime + stime from /proc, 100 ticks/s). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

function postgresCpuSeconds(): number {
  const out = spawnSync('pgrep', ['-x', 'postgres'], { encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .filter(Boolean);
  return out.reduce((sum, pid) => sum + cpuSeconds(Number(pid)), 0);
}

async function http(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await res.json().catch(() => null)) as unknown;
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function seed(base: string, env: TestEnv): Promise<{ token: string; positionId: string }> {
  const admin = (
    await http(base, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })
  ).accessToken as string;
  await http(
    base,
    'POST',
    '/api/schools',
    { code: SCHOOL, name: '安徽大学', departments: [{ code: 'CS', name: '计算机学院' }] },
    admin,
  );
  const roster = Array.from({ length: GRADUATES }, (_, k) => {
    const i = k + 1;
    const id = identityOf(i);
    return {
      studentNo: id.studentNo,
      name: id.name,
      gender: '男',
      idNumber: id.idNumber,
      departmentCode: 'CS',
      major: '软件工程',
      degree: '本科',
      className: 'CS2201',
      originPlace: '安徽合肥',
      graduationYear: 2026,
    };
  });
  for (let i = 0; i < roster.length; i += 500) {
    await http(
      base,
      'POST',
      `/api/schools/${SCHOOL}/roster`,
      { graduates: roster.slice(i, i + 500) },
      admin,
    );
  }
  // Seeding shortcut: source info confirmed directly in identity's table (each graduate would
  // otherwise bind through WeChat and confirm in the mini-program; not what is measured here).
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  await client.query(`UPDATE identity.graduates SET source_info_confirmed_at = now()`);
  await client.end();
  const body8 = 'MA000001';
  const first17 = `91340100${body8}${organisationCodeCheckChar(body8)}`;
  await http(base, 'POST', '/api/employers', {
    creditCode: first17 + creditCodeCheckChar(first17),
    name: '合肥星辰信息技术有限公司',
    nature: '其他企业',
    industry: '信息技术',
    address: '合肥市高新区',
    hasHiringAutonomy: true,
    contactName: '王晓丽',
    contactPhone: '0551-65551234',
    username: 'bench-hr',
    password: 'bench-hr-password',
  });
  const token = (
    await http(base, 'POST', '/api/auth/login', {
      username: 'bench-hr',
      password: 'bench-hr-password',
    })
  ).accessToken as string;
  const position = await http(
    base,
    'POST',
    '/api/positions',
    { title: '后端开发工程师', location: '合肥', headcount: 1000 },
    token,
  );
  return { token, positionId: position.id as string };
}

async function signings(
  base: string,
  token: string,
  positionId: string,
  from: number,
  count: number,
) {
  let next = from;
  const body = () => JSON.stringify({ positionId, graduate: identityOf(next++), terms: TERMS });
  return loadWith(`${base}/api/agreements`, body, count, { authorization: `Bearer ${token}` });
}

/** `count` POSTs over CONNECTIONS keep-alive connections, each body fresh; timed to the last answer. */
async function loadWith(
  url: string,
  body: () => string,
  count: number,
  headers: Record<string, string>,
) {
  const started = performance.now();
  let lastResponse = started;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    amount: count,
    timeout: 30,
    headers: { ...headers, 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: any) => ({ ...req, body: body() }),
        onResponse: () => {
          lastResponse = performance.now();
        },
      },
    ],
  });
  // Timed here, up to the last answer: autocannon notices the end only at its next whole second.
  const seconds = (lastResponse - started) / 1000;
  const ok = result['2xx'];
  return {
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    seconds,
    perSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/**
 * The signing transaction reduced to its SQL core, as MEASURED.md measured it; `notify` adds the
 * two pg_notify calls the first publishEvent made (one per event), to show why it no longer does.
 * Graduate ids come from a sequence: random ones collide under the unique index in long runs.
 */
function pgbenchScript(notify: boolean): string {
  const script = join(
    tmpdir(),
    `signing-pgbench-${process.pid}-${notify ? 'notify' : 'plain'}.sql`,
  );
  const notifyLine = notify ? [`SELECT pg_notify('outbox_pgbench_signing', '');`] : [];
  writeFileSync(
    script,
    [
      `BEGIN;`,
      `INSERT INTO pgbench_signing.agreements (id, agreement_no, method, status, graduate_id, school_code, department_code, employer_id, snapshot, signed_at, version)`,
      `  VALUES (gen_random_uuid(), '2026-10357-' || nextval('signing.agreement_no_seq'), 'EMPLOYER_DIRECT', 'PENDING_REVIEW', 'g' || nextval('pgbench_signing.graduate_seq'), '10357', 'CS', 'e1', '{"graduate":{},"employer":{},"position":{},"terms":{}}', now(), 1);`,
      ...notifyLine,
      `INSERT INTO pgbench_signing.outbox (id, subject, envelope) VALUES (gen_random_uuid(), 'signing.evt.agreement.signed.v1', '{"payload":{}}');`,
      ...notifyLine,
      `END;`,
    ].join('\n'),
  );
  return script;
}

async function createPgbenchTables(env: TestEnv): Promise<void> {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA pgbench_signing`);
  await client.query(`CREATE SEQUENCE pgbench_signing.graduate_seq`);
  // Same columns, same indexes (the partial unique index included) as the service's tables.
  await client.query(
    `CREATE TABLE pgbench_signing.agreements (LIKE signing.agreements INCLUDING ALL)`,
  );
  await client.query(`CREATE TABLE pgbench_signing.outbox (LIKE signing.outbox INCLUDING ALL)`);
  await client.end();
}

function runPgbench(env: TestEnv, notify: boolean): { tps: number; latencyMs: number } {
  const script = pgbenchScript(notify);
  const out = spawnSync(
    'pgbench',
    [
      '-n',
      '-c',
      String(CONNECTIONS),
      '-j',
      '2',
      '-T',
      String(PGBENCH_SECONDS),
      '-f',
      script,
      env.databaseUrl,
    ],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`pgbench failed: ${out.stderr}`);
  const tps = Number(/tps = ([\d.]+)/.exec(out.stdout)?.[1] ?? NaN);
  const latencyMs = Number(/latency average = ([\d.]+) ms/.exec(out.stdout)?.[1] ?? NaN);
  return { tps, latencyMs };
}

async function stopAll(children: Map<string, ChildProcess>): Promise<void> {
  const exits = [...children.values()]
    .filter((c) => c.exitCode === null && c.signalCode === null)
    .map((c) => new Promise((r) => c.once('exit', r)));
  for (const c of children.values()) c.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
  children.clear();
}

/** Runs the bare reference server (bench/bare-signing-server.ts) and loads it like the gateway. */
async function bareEndpoint(env: TestEnv, count: number) {
  const file = fileURLToPath(new URL('./bare-signing-server.js', import.meta.url));
  const port = 3918;
  const child = fork(file, [env.databaseUrl, String(port)], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
    });
    let next = 0;
    const body = () => JSON.stringify({ graduateId: `bare-${next++}`, schoolCode: SCHOOL });
    await loadWith(`http://127.0.0.1:${port}/sign`, body, Math.min(1000, count / 10), {});
    const cpuBefore = cpuSeconds(child.pid);
    const pgBefore = postgresCpuSeconds();
    const run = await loadWith(`http://127.0.0.1:${port}/sign`, body, count, {});
    return {
      ...run,
      cpu: {
        bare: (cpuSeconds(child.pid) - cpuBefore) / run.ok,
        postgres: (postgresCpuSeconds() - pgBefore) / run.ok,
      },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r).once('error', r));
  }
}

/**
 * What Postgres did for this benchmark's database: statements (pg_stat_statements, when the server
 * preloads it), transactions and rows (pg_stat_database, always there). Per signing, so that a
 * change in the statements a signing costs shows as a regression here.
 */
interface DatabaseWork {
  statements: number | null;
  ms: number | null;
  commits: number;
  rowsRead: number;
  rowsWritten: number;
}
async function databaseWork(env: TestEnv): Promise<DatabaseWork> {
  const client = new pg.Client({ connectionString: env.databaseUrl });
  await client.connect();
  try {
    let statements: number | null = null;
    let ms: number | null = null;
    try {
      await client.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`);
      const r = await client.query<{ calls: string; ms: number }>(
        `SELECT coalesce(sum(calls), 0) AS calls, coalesce(sum(total_exec_time), 0) AS ms FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      statements = Number(r.rows[0]!.calls);
      ms = Number(r.rows[0]!.ms);
    } catch {
      // not in shared_preload_libraries: statements are not counted, transactions and rows are
    }
    await client.query(`SELECT pg_stat_clear_snapshot()`);
    const d = (
      await client.query<Record<string, string>>(
        `SELECT xact_commit, tup_returned + tup_fetched AS read, tup_inserted + tup_updated + tup_deleted AS written FROM pg_stat_database WHERE datname = current_database()`,
      )
    ).rows[0]!;
    return {
      statements,
      ms,
      commits: Number(d['xact_commit']),
      rowsRead: Number(d['read']),
      rowsWritten: Number(d['written']),
    };
  } finally {
    await client.end();
  }
}

function diffWork(a: DatabaseWork, b: DatabaseWork, signings: number): string {
  const per = (x: number) => (x / Math.max(signings, 1)).toFixed(1);
  const statements =
    a.statements !== null && b.statements !== null
      ? `${per(b.statements - a.statements)} statements (${((b.ms! - a.ms!) / Math.max(signings, 1)).toFixed(2)} ms executing), `
      : 'statements not counted (pg_stat_statements is not in shared_preload_libraries), ';
  // pg_stat_database is updated when a backend reports (at most every ~0.5 s, and at idle): small lag.
  return `${statements}${per(b.commits - a.commits)} transactions, ${per(b.rowsWritten - a.rowsWritten)} rows written, ${per(b.rowsRead - a.rowsRead)} rows read`;
}

async function main(): Promise<void> {
  const env = await createTestEnv('bench_signing', { LOG_LEVEL: 'warn', DB_POOL_SIZE: '16' });
  const vars = {
    ...env.vars,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    GATEWAY_PORT: '3917',
    GATEWAY_HOST: '127.0.0.1',
    RATE_LIMIT_PER_MINUTE: '100000000',
    PRINT_ROLE: 'api',
  };
  const base = 'http://127.0.0.1:3917';
  const children = new Map<string, ChildProcess>();
  try {
    for (const app of SERVICES) children.set(app, startService(app, vars));
    await new Promise((r) => setTimeout(r, 1500)); // let the services migrate before the gateway asks for keys
    children.set('gateway', startService('gateway', vars));
    await waitFor(
      async () => {
        const health = (await (await fetch(`${base}/api/health`)).json()) as {
          services: Record<string, string>;
        };
        return SERVICES.every((s) => health.services[s] === 'up');
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'services up' },
    );
    console.log(`[bench] seeding ${GRADUATES} graduates…`);
    const { token, positionId } = await seed(base, env);

    await signings(base, token, positionId, 1, WARMUP);
    const cpuBefore = new Map([...children].map(([name, c]) => [name, cpuSeconds(c.pid)]));
    const pgBefore = postgresCpuSeconds();
    const dbBefore = await databaseWork(env);
    const run = await signings(base, token, positionId, WARMUP + 1, GRADUATES - WARMUP);
    const dbWork = diffWork(dbBefore, await databaseWork(env), run.ok);
    const cpu = [...children].map(
      ([name, c]) => [name, (cpuSeconds(c.pid) - cpuBefore.get(name)!) / run.ok] as const,
    );
    cpu.push(['postgres', (postgresCpuSeconds() - pgBefore) / run.ok]);
    // The references run on a quiet machine too: the platform stops first.
    await stopAll(children);

    await createPgbenchTables(env);
    const pgb = runPgbench(env, false);
    const pgbNotify = runPgbench(env, true);
    const bare = await bareEndpoint(env, BARE_REQUESTS);
    const ratio = run.perSecond / pgb.tps;
    const ms = (seconds: number) => (seconds * 1000).toFixed(2);
    const totalCpu = cpu.reduce((sum, [, s]) => sum + s, 0);
    console.log('\n== bench:signing — method-2 signings through the gateway ==');
    console.log(
      `platform : ${run.ok} signed in ${run.seconds.toFixed(1)} s = ${run.perSecond.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, non-2xx ${run.non2xx}, errors ${run.errors} (${CONNECTIONS} connections)`,
    );
    console.log(
      `pgbench  : ${pgb.tps.toFixed(0)} tx/s, latency avg ${pgb.latencyMs} ms (insert agreement under the partial unique index + outbox row, ${CONNECTIONS} clients, ${PGBENCH_SECONDS} s)`,
    );
    console.log(
      `pgbench+N: ${pgbNotify.tps.toFixed(0)} tx/s, latency avg ${pgbNotify.latencyMs} ms (the same + 2 pg_notify calls, as the first outbox design made them: a cluster-wide lock held through commit; publishEvent no longer notifies)`,
    );
    console.log(
      `bare     : ${bare.perSecond.toFixed(0)} req/s, p50 ${bare.p50} ms, p99 ${bare.p99} ms, non-2xx ${bare.non2xx} — the pgbench SQL behind one NestJS + Fastify + pg route, nothing else (${((bare.perSecond / pgb.tps) * 100).toFixed(1)}% of pgbench; CPU per request: node ${ms(bare.cpu.bare)} ms, postgres ${ms(bare.cpu.postgres)} ms)`,
    );
    console.log(
      `ratio    : ${(ratio * 100).toFixed(1)}% of pgbench, ${((run.perSecond / bare.perSecond) * 100).toFixed(1)}% of the bare endpoint (target ≥ 50% of pgbench, p99 ≤ 100 ms: ${ratio >= 0.5 && run.p99 <= 100 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `CPU per signing (ms): ${cpu.map(([name, s]) => `${name} ${ms(s)}`).join(', ')}; total ${ms(totalCpu)} ms = at most ${(CORES / totalCpu).toFixed(0)} signings/s on ${CORES} cores with nothing else running`,
    );
    console.log(
      `Postgres work per signing (this database only, everything running meanwhile): ${dbWork}`,
    );
    const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
    writeBenchFigures('signing', {
      signingsPerSecond: run.perSecond,
      p99Ms: run.p99,
      cpuMsPerSigning: Object.fromEntries(
        cpu.map(([name, s]) => [name, Number((s * 1000).toFixed(3))]),
      ),
    });
    console.log(
      `Machine load average at the end: ${load} (other work on these cores counts against every figure above; the load generator shares them).`,
    );
    console.log(
      'Per signing: gateway (token, rate limit in Redis, validation), signing (employer and position from its projection, roster match asked of identity over NATS, one transaction: graduate row lock, agreement + history, destination + audit, 2 outbox rows in one statement), the relay publishing 2 events to JetStream, identity consuming them (notifications) and recruiting acking the one it filters out.',
    );
  } finally {
    await stopAll(children);
    await env.dispose().catch(() => undefined);
  }
}

await main();
