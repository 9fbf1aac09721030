import { writeBenchFigures } from './bench-report.js';
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  createServiceDataSource,
  dropDatabase,
  ensureDatabase,
  migrateServiceSchema,
} from '@netsign/persistence';
import type { DataSource } from 'typeorm';
import { startProvinceStandin } from '@netsign/province-standin';
import { idNumberCheckChar, creditCodeCheckChar } from '@netsign/province-standin';
import { dispatchSyncMigrations } from '../apps/dispatch-sync/src/database/migrations.js';
import { DispatchDelivery } from '../apps/dispatch-sync/src/modules/delivery/dispatch-delivery.js';
import {
  provinceBody,
  type OutboundRecord,
} from '../apps/dispatch-sync/src/modules/delivery/province-client.js';
import {
  appendRecord,
  type AgreementRecordInput,
} from '../apps/dispatch-sync/src/modules/delivery/record-log.repository.js';

/**
 * `npm run bench:dispatch`: records/s the delivery engine gets accepted by the stand-in, against a
 * bare fetch loop sending the same kind of records to the same stand-in with the same concurrency
 * and the same per-graduate order, in the same run (rounds alternate). Target: engine ≥ 80%.
 * The engine's extra work per record: claim (Postgres), ID number look-up (in memory here; over
 * NATS in the service), outcome write. Options: --records= --per-graduate= --concurrency= --rounds=
 */
export interface DispatchBenchOptions {
  records?: number;
  recordsPerGraduate?: number;
  concurrency?: number;
  rounds?: number;
}

export interface DispatchBenchResult {
  records: number;
  concurrency: number;
  bareLoopPerSecond: number[];
  enginePerSecond: number[];
  ratio: number; // median engine / median bare loop
}

const SECRET = 'bench-dispatch-secret';
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment';

function idNumber(n: number): string {
  const first17 = `34010419950101${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

function creditCode(n: number): string {
  const first17 = `91340100MA${String(n % 10_000_000).padStart(7, '0')}`;
  return first17 + creditCodeCheckChar(first17);
}

/** Graduate g's k-th record: employment, then termination, then employment again… */
function input(g: number, k: number): AgreementRecordInput {
  return {
    kind: k % 2 === 1 ? 'EMPLOYMENT' : 'TERMINATION',
    graduate: { schoolCode: '10357', studentNo: `B${g}`, graduateId: `g${g}`, name: `毕业生${g}` },
    agreementNo: `WQ-B${g}-${Math.ceil(k / 2)}`,
    occurredAt: new Date(1_750_000_000_000 + g * 1000 + k),
    signingMethod: 'RECRUITING',
    employer: {
      name: '合肥某科技有限公司',
      creditCode: creditCode(g),
      nature: '其他企业',
      industry: '软件业',
      location: '安徽省合肥市',
    },
    position: '软件工程师',
    superiorAuthority: null,
  };
}

/** The record as the engine would hold it after appendRecord (for the bare loop). */
function outbound(g: number, k: number): OutboundRecord {
  const i = input(g, k);
  const { graduateId, ...who } = i.graduate;
  const [signingMethod, employer, position] = [i.signingMethod!, i.employer!, i.position!];
  const occurredAt = new Date(i.occurredAt).toISOString();
  const body = { ...who, agreementNo: i.agreementNo, signingMethod, employer, position };
  const rest = { graduateId, graduateSequence: k, kind: i.kind };
  return { id: randomUUID(), ...rest, body: { ...body, superiorAuthority: null, occurredAt } };
}

/** The stand-in in its own process (as in production, the province is not our process). */
async function startStandinProcess(): Promise<{ url: string; close(): Promise<void> }> {
  const main = fileURLToPath(new URL('../apps/province-standin/src/main.js', import.meta.url));
  if (!existsSync(main)) {
    return startProvinceStandin({ secret: SECRET }); // not run from dist/: in this process
  }
  const child: ChildProcess = fork(main, [], {
    env: { ...process.env, PROVINCE_STANDIN_PORT: '0', PROVINCE_DISPATCH_SECRET: SECRET },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { ready: string }).ready));
    child.once('exit', (code) => reject(new Error(`stand-in exited with ${code}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

async function reset(url: string): Promise<void> {
  await (await fetch(`${url}/_reset`, { method: 'POST' })).text();
}

type StandinStats = { accepted: number; duplicates: number };
const standinStats = async (url: string) =>
  ((await (await fetch(`${url}/_control`)).json()) as { stats: StandinStats }).stats;

/** The baseline: what a bare client does per record (serialise, sign, POST, read the answer). */
async function bareLoop(
  url: string,
  graduates: number,
  perGraduate: number,
  concurrency: number,
): Promise<Measured> {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const worker = async () => {
    for (let g = next++; g < graduates; g = next++) {
      for (let k = 1; k <= perGraduate; k++) {
        const body = provinceBody(outbound(g, k), idNumber(g));
        const raw = Buffer.from(JSON.stringify(body), 'utf8');
        const res = await fetch(`${url}/records`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'idempotency-key': body['recordId'] as string,
            'x-signature': createHmac('sha256', SECRET).update(raw).digest('hex'),
          },
          body: raw,
          signal: AbortSignal.timeout(10_000),
        });
        await res.text();
        if (res.status !== 201) throw new Error(`bare loop: HTTP ${res.status}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return measured(graduates * perGraduate, started, cpu);
}

async function engineRun(
  ds: DataSource,
  databaseUrl: string,
  url: string,
  graduates: number,
  perGraduate: number,
  concurrency: number,
): Promise<Measured> {
  await ds.query(`TRUNCATE dispatch_records`);
  // The backlog is written first (not timed): the figure is delivery throughput.
  for (let start = 0; start < graduates; start += 500) {
    await ds.transaction(async (tx) => {
      for (let k = 1; k <= perGraduate; k++) {
        for (let g = start; g < Math.min(start + 500, graduates); g++)
          await appendRecord(tx, input(g, k));
      }
    });
  }
  const total = graduates * perGraduate;
  const engine = new DispatchDelivery({
    databaseUrl,
    schema: 'dispatch_sync',
    provinceUrl: url,
    secret: SECRET,
    resolveIdNumber: async (graduateId) => idNumber(Number(graduateId.slice(1))),
    concurrency,
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  await engine.start();
  while (engine.stats.delivered < total) await new Promise((r) => setTimeout(r, 2));
  const result = measured(total, started, cpu);
  await engine.stop();
  if (engine.stats.attempts !== total)
    throw new Error(`engine made ${engine.stats.attempts} attempts for ${total} records`);
  return result;
}

interface Measured {
  perSecond: number;
  /** CPU of this process (the client side; not Postgres, not the stand-in) per record. */
  cpuUsPerRecord: number;
}

function measured(records: number, started: number, cpu: NodeJS.CpuUsage): Measured {
  const used = process.cpuUsage(cpu);
  return {
    perSecond: (records / (performance.now() - started)) * 1000,
    cpuUsPerRecord: (used.user + used.system) / records,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchDispatch(
  options: DispatchBenchOptions = {},
): Promise<DispatchBenchResult> {
  const records = options.records ?? 6000;
  const perGraduate = options.recordsPerGraduate ?? 2;
  const concurrency = options.concurrency ?? 16;
  const rounds = options.rounds ?? 3;
  const graduates = Math.ceil(records / perGraduate);
  const url = new URL(DATABASE_URL);
  url.pathname = `/netsign_bench_dispatch_${randomBytes(4).toString('hex')}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  const ds = createServiceDataSource({
    url: databaseUrl,
    schema: 'dispatch_sync',
    entities: [],
    migrations: dispatchSyncMigrations,
    poolSize: 8,
  });
  await ds.initialize();
  const standin = await startStandinProcess();
  const bare: Measured[] = [];
  const engine: Measured[] = [];
  try {
    await migrateServiceSchema(ds, 'dispatch_sync');
    // Warm-up of both paths (JIT, sockets, pool), not counted.
    await reset(standin.url);
    await bareLoop(standin.url, 200, perGraduate, concurrency);
    await reset(standin.url);
    await engineRun(ds, databaseUrl, standin.url, 200, perGraduate, concurrency);
    for (let round = 1; round <= rounds; round++) {
      await reset(standin.url);
      bare.push(await bareLoop(standin.url, graduates, perGraduate, concurrency));
      await reset(standin.url);
      engine.push(
        await engineRun(ds, databaseUrl, standin.url, graduates, perGraduate, concurrency),
      );
      const stats = await standinStats(standin.url);
      if (stats.accepted !== graduates * perGraduate || stats.duplicates !== 0) {
        throw new Error(`stand-in saw ${stats.accepted} accepted, ${stats.duplicates} repeats`);
      }
      const b = bare.at(-1)!;
      const e = engine.at(-1)!;
      process.stdout.write(
        `round ${round}: bare fetch loop ${b.perSecond.toFixed(0)} records/s (${b.cpuUsPerRecord.toFixed(0)} µs CPU/record), ` +
          `engine ${e.perSecond.toFixed(0)} records/s (${e.cpuUsPerRecord.toFixed(0)} µs CPU/record)\n`,
      );
    }
  } finally {
    await standin.close();
    await ds.destroy();
    await dropDatabase(databaseUrl);
  }
  const bareRate = median(bare.map((m) => m.perSecond));
  const engineRate = median(engine.map((m) => m.perSecond));
  const ratio = engineRate / bareRate;
  const load = loadavg().join(' ');
  process.stdout.write(
    `dispatch: ${graduates * perGraduate} records (${perGraduate} per graduate), concurrency ${concurrency}, ` +
      `load average ${load.replace(/(\.\d)\d+/g, '$1')}\n` +
      `  bare fetch loop: ${bareRate.toFixed(0)} records/s, ${median(bare.map((m) => m.cpuUsPerRecord)).toFixed(0)} µs client CPU/record (median of ${rounds})\n` +
      `  engine:          ${engineRate.toFixed(0)} records/s, ${median(engine.map((m) => m.cpuUsPerRecord)).toFixed(0)} µs client CPU/record (median of ${rounds})\n` +
      `  ratio:           ${(ratio * 100).toFixed(1)}% (target ≥ 80%)\n`,
  );
  writeBenchFigures('dispatch', {
    recordsPerSecond: engineRate,
    bareLoopRecordsPerSecond: bareRate,
  });
  return {
    records: graduates * perGraduate,
    concurrency,
    bareLoopPerSecond: bare.map((m) => m.perSecond),
    enginePerSecond: engine.map((m) => m.perSecond),
    ratio,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string) => {
    const found = process.argv.find((a) => a.startsWith(`--${name}=`));
    return found ? Number(found.split('=')[1]) : undefined;
  };
  await benchDispatch({
    records: arg('records'),
    concurrency: arg('concurrency'),
    rounds: arg('rounds'),
    recordsPerGraduate: arg('per-graduate'),
  });
}
