import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';

/** What the browser tests need to reach the system they drive (exported to them as E2E_* env). */
export interface SystemUnderTest {
  baseUrl: string;
  apiUrl: string;
  adminPassword: string;
  wechatUrl: string;
  provinceUrl: string;
  databaseUrl: string;
  busPrefix: string;
  storageDir: string;
  logFile: string;
  pids: number[];
}

const BASE_DATABASE_URL =
  process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment';
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * `count` distinct free TCP ports on 127.0.0.1. All are held open until every one is picked: the
 * kernel may hand out a port just closed again, and once gave the province stand-in and the
 * WeChat fake the same one (EADDRINUSE at start-up).
 */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<Server>((resolve, reject) => {
          const server = createServer();
          server.once('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

async function adminQuery(sql: string): Promise<void> {
  const url = new URL(BASE_DATABASE_URL);
  url.pathname = '/postgres';
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Starts the whole platform as `npm start` does — every service, a print worker, the gateway
 * serving the portal and the mini-program's H5 build, the provincial stand-in and the WeChat
 * fake — as separate processes from dist/, in a database, bus prefix, storage folder and ports of
 * its own, so browser tests drive the real system without disturbing anything else.
 */
export async function startSystem(logDir: string): Promise<SystemUnderTest> {
  for (const app of ['gateway', 'identity', 'province-standin', 'wechat-fake']) {
    if (!existsSync(`dist/apps/${app}/src/main.js`)) {
      throw new Error(
        `dist/apps/${app}/src/main.js is missing: run \`npm run build\` before the browser tests`,
      );
    }
  }
  const token = randomBytes(4).toString('hex');
  const busPrefix = `b${token}`;
  const dbName = `netsign_browser_${token}`;
  const dbUrl = new URL(BASE_DATABASE_URL);
  dbUrl.pathname = `/${dbName}`;
  await adminQuery(`CREATE DATABASE ${dbName}`);
  const [gatewayPort, provincePort, wechatPort] = (await freePorts(3)) as [number, number, number];
  const baseUrl = `http://127.0.0.1:${gatewayPort}`;
  const storageDir = mkdtempSync(join(tmpdir(), 'netsign-browser-'));
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, 'system.log');
  const log = createWriteStream(logFile, { flags: 'w' });
  const adminPassword = `admin-${token}-password`;
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    DATABASE_URL: dbUrl.toString(),
    NATS_URL,
    REDIS_URL,
    BUS_PREFIX: busPrefix,
    GATEWAY_PORT: String(gatewayPort),
    GATEWAY_HOST: '127.0.0.1',
    PUBLIC_BASE_URL: baseUrl,
    STORAGE_DIR: storageDir,
    BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
    PROVINCE_STANDIN_PORT: String(provincePort),
    PROVINCE_DISPATCH_URL: `http://127.0.0.1:${provincePort}`,
    WECHAT_FAKE_PORT: String(wechatPort),
    WECHAT_API_BASE: `http://127.0.0.1:${wechatPort}`,
    WECHAT_APPID: 'wx-dev-app',
    WECHAT_SECRET: 'wx-dev-secret',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Every spec, in two workers, signs in as the one province admin (pages and arrangements):
    // the per-account login limit (10 a minute) is lifted here; e2e/hardening-* tests it.
    LOGIN_LIMIT_PER_ACCOUNT: '100000',
    LOGIN_LIMIT_PER_ADDRESS: '100000',
    OUTBOX_SWEEP_MS: '1000',
    EVENT_ACK_WAIT_MS: '2000',
    DB_POOL_SIZE: '4',
    PRINT_CONCURRENCY: '1',
  };
  const processes: Array<[string, string, Record<string, string>?]> = [
    ['province', 'province-standin'],
    ['wechat', 'wechat-fake'],
    ['identity', 'identity'],
    ['recruiting', 'recruiting'],
    ['signing', 'signing'],
    ['review', 'review'],
    ['printing', 'printing', { PRINT_ROLE: 'api' }],
    ['dispatch', 'dispatch-sync'],
    ['gateway', 'gateway'],
  ];
  const children: ChildProcess[] = [];
  const launch = (name: string, app: string, extra?: Record<string, string>) => {
    const child = spawn(process.execPath, [`dist/apps/${app}/src/main.js`], {
      env: { ...env, ...extra },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = `[${name}] `;
    const pipe = (chunk: Buffer) => log.write(chunk.toString().replace(/^(?=.)/gm, prefix));
    child.stdout?.on('data', pipe);
    child.stderr?.on('data', pipe);
    children.push(child);
  };
  for (const [name, app, extra] of processes) launch(name, app, extra);
  const system: SystemUnderTest = {
    baseUrl,
    apiUrl: `${baseUrl}/api`,
    adminPassword,
    wechatUrl: env.WECHAT_API_BASE,
    provinceUrl: env.PROVINCE_DISPATCH_URL,
    databaseUrl: dbUrl.toString(),
    busPrefix,
    storageDir,
    logFile,
    pids: children.map((c) => c.pid ?? 0),
  };
  let workerStarted = false;
  // Ten processes starting at once on a loaded 2-core machine can take minutes (E2E_START_TIMEOUT_MS).
  const startTimeout = Number(process.env.E2E_START_TIMEOUT_MS ?? 300_000);
  const deadline = Date.now() + startTimeout;
  for (;;) {
    const dead = children.find((c) => c.exitCode !== null);
    if (dead) {
      await stopSystem(system);
      throw new Error(
        `a process of the system under test exited (code ${dead.exitCode}); see ${logFile}`,
      );
    }
    const health = await fetch(`${system.apiUrl}/health`).catch(() => undefined);
    if (health?.status === 200) {
      // The print worker only after printing's API process has migrated the fresh database (a
      // worker that starts first finds no verification_keys table and exits).
      if (!workerStarted) {
        workerStarted = true;
        launch('print-worker', 'printing', { PRINT_ROLE: 'worker' });
        system.pids.push(children.at(-1)?.pid ?? 0);
        continue;
      }
      break;
    }
    if (Date.now() > deadline) {
      await stopSystem(system);
      throw new Error(
        `the system under test did not become healthy in ${startTimeout / 1000} s; see ${logFile}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return system;
}

/** Stops every process (SIGTERM, then SIGKILL), drops the database and the bus namespace. */
export async function stopSystem(system: SystemUnderTest): Promise<void> {
  for (const pid of system.pids) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && system.pids.some(alive))
    await new Promise((r) => setTimeout(r, 200));
  for (const pid of system.pids.filter(alive)) process.kill(pid, 'SIGKILL');
  const dbName = new URL(system.databaseUrl).pathname.slice(1);
  await adminQuery(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
  await deleteStreams(system.busPrefix).catch(() => undefined);
  rmSync(system.storageDir, { recursive: true, force: true });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function deleteStreams(busPrefix: string): Promise<void> {
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names()) {
      if (name.startsWith(`${busPrefix.toUpperCase()}_`)) await jsm.streams.delete(name);
    }
  } finally {
    await nc.close();
  }
}
