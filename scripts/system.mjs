// The platform's processes as `npm start`, `npm run chaos`, `npm run bench:system` and browser
// tests run them: which processes (N replicas of each), with what environment, and how to start,
// stop and kill one. Plain ESM so that scripts use it without a build; types in system.d.mts.
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { portFromEnv } from './lib/ports.mjs';

// The port checks live in their own module (tested by tools/start/start-ports.spec.ts).
export { busyPort, PortProblem, portFromEnv, probePort } from './lib/ports.mjs';

/** The six services, each its own process; printing runs as an API process and a print worker. */
export const SERVICES = [
  'identity',
  'recruiting',
  'signing',
  'review',
  'printing',
  'dispatch-sync',
];

/**
 * The process list for `replicas` of every service, print worker and gateway, plus the bundled
 * stand-ins (province, WeChat) unless `env` points at real ones. Gateway i listens on
 * GATEWAY_PORT + i; the stand-ins on PROVINCE_STANDIN_PORT and WECHAT_FAKE_PORT, and the services
 * are pointed at those; when HEALTH_PORT is set, each service process gets its own probe port,
 * HEALTH_PORT, HEALTH_PORT + 1, … in list order. Names are `<role>` with one replica, `<role>-<i>`
 * (from 1) with several. A port variable that is not a port number throws a PortProblem.
 */
export function buildProcessList({ replicas = 1, env = process.env, root = process.cwd() } = {}) {
  const base = { ...env };
  const list = [];
  const main = (app) => join(root, 'dist', 'apps', app, 'src', 'main.js');
  if (!base.PROVINCE_DISPATCH_URL) {
    const standinPort = portFromEnv(base, 'PROVINCE_STANDIN_PORT', 3900);
    base.PROVINCE_DISPATCH_URL = `http://127.0.0.1:${standinPort}`;
    list.push({
      name: 'province',
      role: 'province',
      app: 'province-standin',
      main: main('province-standin'),
      env: { PROVINCE_STANDIN_PORT: String(standinPort) },
      port: { number: standinPort, variable: 'PROVINCE_STANDIN_PORT', host: '127.0.0.1' },
    });
  }
  if (!base.WECHAT_API_BASE) {
    const wechatPort = portFromEnv(base, 'WECHAT_FAKE_PORT', 3901);
    base.WECHAT_API_BASE = `http://127.0.0.1:${wechatPort}`;
    base.WECHAT_APPID ??= 'wx-dev-app';
    base.WECHAT_SECRET ??= 'wx-dev-secret';
    list.push({
      name: 'wechat',
      role: 'wechat',
      app: 'wechat-fake',
      main: main('wechat-fake'),
      env: { WECHAT_FAKE_PORT: String(wechatPort) },
      port: { number: wechatPort, variable: 'WECHAT_FAKE_PORT', host: '127.0.0.1' },
    });
  }
  const gatewayPort = portFromEnv(base, 'GATEWAY_PORT', 3000);
  // One HEALTH_PORT shared by every service would be taken by the first and kill the rest.
  const healthBase = base.HEALTH_PORT?.trim() ? portFromEnv(base, 'HEALTH_PORT', 0) : null;
  delete base.HEALTH_PORT;
  let nextHealth = healthBase;
  const roles = [
    ...SERVICES.filter((s) => s !== 'printing').map((s) => ({ role: s, app: s, env: {} })),
    { role: 'printing', app: 'printing', env: { PRINT_ROLE: 'api' } },
    { role: 'print-worker', app: 'printing', env: { PRINT_ROLE: 'worker' } },
    { role: 'gateway', app: 'gateway', env: {} },
  ];
  for (const r of roles) {
    for (let i = 0; i < replicas; i++) {
      const name = replicas === 1 ? r.role : `${r.role}-${i + 1}`;
      const extra = { ...r.env };
      let port;
      if (r.role === 'gateway') {
        extra.GATEWAY_PORT = String(gatewayPort + i);
        port = {
          number: gatewayPort + i,
          variable: 'GATEWAY_PORT',
          host: base.GATEWAY_HOST ?? '0.0.0.0',
        };
      } else if (nextHealth !== null) {
        extra.HEALTH_PORT = String(nextHealth);
        port = { number: nextHealth, variable: 'HEALTH_PORT', host: '0.0.0.0' };
        nextHealth += 1;
      }
      list.push({ name, role: r.role, app: r.app, main: main(r.app), env: extra, port });
    }
  }
  return list.map((p) => ({ ...p, env: { ...base, ...p.env } }));
}

const handedOut = new Set();

/**
 * A free TCP port on 127.0.0.1, as the kernel picks one, never one this process has handed out
 * before: the kernel may give a port just closed out again (the browser tests' system once got
 * the same port for two stand-ins).
 */
export async function freePort() {
  for (;;) {
    const port = await new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address();
        server.close(() => resolve(port));
      });
    });
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

/**
 * Starts one process of the list. Its output goes, line by line, to `onLine(name, line)` and/or
 * appended to `<logDir>/<name>.log` (kept across restarts). Returns the running process.
 */
export function startProcess(spec, { logDir, onLine, nodeArgs = [] } = {}) {
  const child = spawn(process.execPath, [...nodeArgs, spec.main], {
    env: spec.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = logDir ? createWriteStream(join(logDir, `${spec.name}.log`), { flags: 'a' }) : null;
  const running = { spec, child, pid: child.pid, startedAt: Date.now(), exited: null };
  running.exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      log?.write(chunk);
      if (!onLine) return;
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) onLine(spec.name, line);
    });
  }
  void running.exited.then(() => log?.end());
  return running;
}

/** SIGKILL: the process dies at once, mid-transaction, with nothing flushed. */
export async function killProcess(running) {
  if (running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGKILL');
  await running.exited;
}

/** SIGTERM to each (graceful shutdown), SIGKILL to any still running after `graceMs`. */
export async function stopProcesses(list, graceMs = 8000) {
  const alive = list.filter((r) => r.child.exitCode === null && r.child.signalCode === null);
  for (const r of alive) r.child.kill('SIGTERM');
  const timer = new Promise((resolve) => setTimeout(resolve, graceMs).unref());
  await Promise.race([Promise.all(alive.map((r) => r.exited)), timer]);
  for (const r of alive)
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  await Promise.all(alive.map((r) => r.exited));
}
