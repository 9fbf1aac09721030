import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { GatewayClient } from './client.js';
import { Faults, seeded, type Processes } from './faults.js';
import { backlog, checkInvariants, type Invariant } from './invariants.js';
import { logFilesUnder, personalDataSweep } from './personal-data-sweep.js';
import {
  privateNats,
  privateNatsCluster,
  privatePostgres,
  privateRedis,
  type Server,
} from './servers.js';
import { newObserved, Story } from './story.js';
import { ADMIN_PASSWORD, createWorld } from './world.js';
import type * as System from '../scripts/system.mjs';

/**
 * `npm run chaos -- --minutes=N --seed=S`: the whole system, two replicas of every process, under a
 * mixed load through the gateways while processes are SIGKILLed and the infrastructure restarts;
 * then quiescence and the invariants (docs/reliability.md). Exit code 0 only if every one held.
 * Options: --minutes (2), --seed (random, printed), --workers (concurrent graduates, 4),
 * --replicas (2), --port-base (or CHAOS_PORT_BASE: ports from there on; default: free ones), --keep (keep the run's
 * directory: logs, database cluster, files), --nats-cluster (a three-node NATS cluster with every
 * stream on three nodes; its fault is the loss of the busiest stream's leader node, not a restart).
 */
const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const system = (await import(
  pathToFileURL(join(root, 'scripts', 'system.mjs')).href
)) as typeof System;

function option(name: string, fallback: string): string {
  const hit = process.argv.slice(2).find((a) => a.startsWith(`--${name}=`) || a === `--${name}`);
  if (!hit) return fallback;
  return hit.includes('=') ? hit.slice(name.length + 3) : 'true';
}

const minutes = Number(option('minutes', '2'));
const seed = Number(option('seed', String(Math.floor(Math.random() * 2 ** 31))));
const workers = Number(option('workers', '4'));
const replicas = Number(option('replicas', '2'));
const keep = option('keep', 'false') === 'true';
const natsCluster = option('nats-cluster', 'false') === 'true';
/** --port-base=P: every port from P on (P … P+9); otherwise ports the kernel finds free. */
const portBase = Number(option('port-base', process.env.CHAOS_PORT_BASE ?? '0'));
let portTurn = 0;
const port = () => (portBase ? Promise.resolve(portBase + portTurn++) : system.freePort());
if (!(minutes > 0) || !Number.isInteger(seed) || !(workers >= 1) || !(replicas >= 1)) {
  console.error(
    'usage: npm run chaos -- [--minutes=2] [--seed=S] [--workers=4] [--replicas=2] [--nats-cluster] [--keep]',
  );
  process.exit(2);
}
const durationMs = minutes * 60_000;
const t0 = Date.now();
const say = (line: string) =>
  console.log(`[chaos ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

const runDir = mkdtempSync(join(tmpdir(), 'netsign-chaos-'));
chmodSync(runDir, 0o755); // Postgres runs as its own user inside it
const logDir = join(runDir, 'logs');
mkdirSync(logDir);
say(
  `seed ${seed}, ${minutes} min, ${replicas} replicas, ${workers} concurrent graduates${natsCluster ? ', three-node NATS cluster' : ''}; run directory ${runDir}`,
);

const ports = { postgres: await port(), redis: await port(), nats: await port() };
const postgres = privatePostgres(join(runDir, 'postgres'), ports.postgres);
const redis = privateRedis(join(runDir, 'redis'), ports.redis);
/** Six consecutive free ports (a cluster's three client ports, then its three route ports). */
const sixPorts = async (): Promise<number> => {
  if (portBase) return portBase + 20; // P+20 … P+25
  for (;;) {
    const base = await system.freePort();
    const rest = Array.from({ length: 5 }, (_, i) => system.probePort(base + i + 1, '127.0.0.1'));
    if ((await Promise.allSettled(rest)).every((r) => r.status === 'fulfilled')) return base;
  }
};
const clusterBase = natsCluster ? await sixPorts() : 0;
const nats = natsCluster
  ? await privateNatsCluster(join(runDir, 'nats'), clusterBase, clusterBase + 3, root)
  : privateNats(join(runDir, 'nats'), ports.nats);
const servers: Server[] = [postgres, redis, nats];

const running = new Map<string, System.RunningProcess>();
let db: pg.Pool | null = null;
let exitCode = 1;
let cleaning: Promise<void> | null = null;
const cleanUp = () =>
  (cleaning ??= (async () => {
    await system.stopProcesses([...running.values()]).catch(() => undefined);
    await db?.end().catch(() => undefined);
    for (const s of servers) await s.stop().catch(() => undefined);
    if (exitCode === 0 && !keep) rmSync(runDir, { recursive: true, force: true });
    else say(`run directory kept: ${runDir}`);
  })());
// Stopped from outside (Ctrl-C, a test's deadline): nothing of the run may outlive it.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping every process and server of the run`);
    void cleanUp().then(() => process.exit(130));
  });
}
try {
  for (const s of servers) await s.start();
  say(`own PostgreSQL :${ports.postgres}, Redis :${ports.redis}, NATS ${nats.url}`);

  // Gateways listen on GATEWAY_PORT + i: a base whose next ports are free too.
  let gatewayBase = portBase ? portBase + 3 : 0;
  portTurn += replicas;
  while (!gatewayBase) {
    const base = await system.freePort();
    const rest = Array.from({ length: replicas - 1 }, (_, i) =>
      system.probePort(base + i + 1, '127.0.0.1'),
    );
    if ((await Promise.allSettled(rest)).every((r) => r.status === 'fulfilled')) gatewayBase = base;
  }
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    DATABASE_URL: postgres.url,
    REDIS_URL: redis.url,
    NATS_URL: nats.url,
    JETSTREAM_REPLICAS: natsCluster ? '3' : '1',
    BUS_PREFIX: 'chaos',
    DB_POOL_SIZE: '5',
    GATEWAY_PORT: String(gatewayBase),
    GATEWAY_HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayBase}`,
    TRUST_PROXY: 'true',
    RATE_LIMIT_PER_MINUTE: '100000',
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN_PASSWORD,
    PROVINCE_STANDIN_PORT: String(await port()),
    PROVINCE_STANDIN_DATA_FILE: join(runDir, 'province-accepted.json'),
    WECHAT_FAKE_PORT: String(await port()),
    STORAGE_DIR: join(runDir, 'files'),
    PRINT_CONCURRENCY: '1',
    // Retries to the province back off to 15 s at most (default 10 min), so that the run's
    // quiescence after the stand-in's outage is measured in seconds, not in backoff.
    DISPATCH_RETRY_MAX_MS: '15000',
  };
  for (const k of ['PROVINCE_DISPATCH_URL', 'WECHAT_API_BASE', 'WECHAT_APPID', 'WECHAT_SECRET'])
    delete env[k];
  const list = system.buildProcessList({ replicas, env, root });
  const specs = new Map(list.map((p) => [p.name, p]));
  const start = (name: string) =>
    running.set(name, system.startProcess(specs.get(name)!, { logDir }));
  for (const p of list) start(p.name);
  const provinceUrl = `http://127.0.0.1:${env['PROVINCE_STANDIN_PORT']}`;
  const gateways = list
    .filter((p) => p.role === 'gateway')
    .map((p) => `http://127.0.0.1:${p.port!.number}`);
  say(`${list.length} processes started: ${list.map((p) => p.name).join(' ')}`);

  const waitHealthy = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const healthy = await Promise.all(
        gateways.map((g) =>
          fetch(`${g}/api/health`).then(
            (r) => r.status === 200,
            () => false,
          ),
        ),
      );
      if (healthy.every(Boolean)) return;
      if (Date.now() > deadline)
        throw new Error(`the system was not healthy within ${timeoutMs / 1000} s`);
      await sleep(500);
    }
  };
  await waitHealthy(600_000); // a bound, not a target: ~20 s on a quiet machine
  say('every process up');

  db = new pg.Pool({ connectionString: postgres.url, max: 4 });
  db.on('error', () => undefined);
  const setupClient = new GatewayClient(gateways);
  const graduates = Math.max(200, Math.ceil((minutes * 150 * workers) / 4));
  const world = await createWorld(setupClient, graduates);
  say(
    `world: school with 2 departments, ${graduates} graduates, ${world.employers.length} employers`,
  );

  const random = seeded(seed);
  let loadOver = false;
  const client = new GatewayClient(gateways, () => loadOver);
  const observed = newObserved();
  let nextGraduate = 1;
  const loadEnd = Date.now() + durationMs;
  const worker = async () => {
    while (!loadOver && Date.now() < loadEnd && nextGraduate <= graduates) {
      const i = nextGraduate++;
      observed.stories.started++;
      try {
        await new Story(i, world, client, observed, seeded(seed ^ (i * 2654435761))).run();
        observed.stories.completed++;
      } catch (err) {
        observed.stories.abandoned++;
        const reason = String((err as Error).message).slice(0, 160);
        observed.stories.reasons.set(reason, (observed.stories.reasons.get(reason) ?? 0) + 1);
      }
    }
  };

  const processes: Processes = {
    killable: () =>
      list.filter((p) => p.role !== 'province' && p.role !== 'wechat').map((p) => p.name),
    kill: async (name) => system.killProcess(running.get(name)!),
    start,
    stopProvince: async () => system.stopProcesses([running.get('province')!]),
    startProvince: async () => {
      start('province');
      for (let k = 0; k < 100; k++) {
        if (
          await fetch(`${provinceUrl}/_control`).then(
            () => true,
            () => false,
          )
        )
          return;
        await sleep(100);
      }
    },
    setProvinceFailRate: async (rate) => {
      await fetch(`${provinceUrl}/_control`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ failRate: rate }),
      });
    },
  };
  const faults = new Faults(processes, servers, random, durationMs, say);
  const progress = setInterval(() => {
    say(
      `load: ${observed.stories.started} graduates started, ${observed.stories.completed} done, ${observed.stories.abandoned} abandoned; ${[...observed.steps].map(([k, v]) => `${k} ${v}`).join(', ')}`,
    );
  }, 15_000);
  say('load and faults start');
  const load = Promise.all(Array.from({ length: workers }, worker));
  await faults.run();
  say(`faults over (${faults.kills} processes killed); waiting for the graduates in progress`);
  // Graduates still in progress get 15 s to finish; then the load stops mid-way.
  await Promise.race([load, sleep(15_000)]);
  loadOver = true;
  await load;
  clearInterval(progress);
  say(
    `load over: ${observed.stories.started} graduates, ${observed.stories.completed} completed, ${observed.stories.abandoned} abandoned; ${client.calls} calls, ${client.retries} retried`,
  );
  for (const [reason, n] of observed.stories.reasons) say(`  abandoned ×${n}: ${reason}`);

  // Quiescence: nothing left in any outbox, consumer, print queue or dispatch log.
  let quiescentAt = 0;
  let left: string[] = [];
  const quiesceMs = Math.min(300_000, Math.max(120_000, durationMs));
  const quiesceDeadline = Date.now() + quiesceMs;
  while (Date.now() < quiesceDeadline) {
    left = await backlog(db, nats.url).catch((err: unknown) => [`cannot read: ${String(err)}`]);
    if (left.length === 0) {
      quiescentAt = Date.now();
      break;
    }
    await sleep(1000);
  }
  const quiescence: Invariant = {
    name: 'quiescence after the last fault',
    held: quiescentAt > 0,
    checked: quiescentAt
      ? `${((quiescentAt - faults.lastFaultEndedAt) / 1000).toFixed(1)} s from the last fault to quiescence`
      : `not reached in ${quiesceMs / 1000} s`,
    problems: quiescentAt ? [] : left,
  };
  say(quiescence.checked);

  const noInternalErrors: Invariant = {
    name: 'no answer was a 500',
    held: client.internalErrors.size === 0,
    checked: `${client.calls} calls of the load`,
    problems: [...client.internalErrors].map(([route, n]) => `${route}: ${n}× 500`),
  };
  const invariants = [
    quiescence,
    noInternalErrors,
    ...(await checkInvariants({
      db,
      natsUrl: nats.url,
      provinceUrl,
      client: setupClient,
      world,
      observed,
    })),
  ];
  invariants.push(
    await personalDataSweep({
      idNumbers: world.idNumbers,
      logFiles: logFilesUnder(runDir),
      db,
      natsUrl: nats.url,
      redisUrl: redis.url,
    }),
  );

  console.log(
    `\n== chaos: seed ${seed}, ${minutes} min, ${replicas} replicas, ${faults.kills} SIGKILLs, ${natsCluster ? 'a NATS stream leader node killed, Redis/Postgres restarted once each' : 'NATS/Redis/Postgres restarted once each'} ==`,
  );
  for (const inv of invariants) {
    console.log(`${inv.held ? 'HELD  ' : 'BROKEN'} ${inv.name} — ${inv.checked}`);
    for (const p of inv.problems.slice(0, 20)) console.log(`         ${p}`);
    if (inv.problems.length > 20) console.log(`         … ${inv.problems.length - 20} more`);
  }
  const broken = invariants.filter((i) => !i.held).length;
  console.log(
    `${invariants.length - broken} held, ${broken} broken (replay: npm run chaos -- --minutes=${minutes} --seed=${seed}${replicas === 2 ? '' : ` --replicas=${replicas}`}${natsCluster ? ' --nats-cluster' : ''})`,
  );
  writeFileSync(
    join(runDir, 'report.json'),
    JSON.stringify(
      {
        seed,
        minutes,
        replicas,
        natsCluster,
        kills: faults.kills,
        faults: faults.log,
        invariants,
        steps: Object.fromEntries(observed.steps),
      },
      null,
      2,
    ),
  );
  exitCode = broken === 0 ? 0 : 1;
} catch (err) {
  say(`run failed: ${(err as Error).stack ?? String(err)}`);
} finally {
  await cleanUp();
}
process.exit(exitCode);
