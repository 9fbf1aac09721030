#!/usr/bin/env node
// `npm start`: the ports checked first (one line naming a taken port and its variable, then
// exit), infrastructure check (starting local servers if needed), build if sources changed, then
// every process of the platform (scripts/system.mjs) with prefixed logs. Ctrl-C stops them all
// gracefully.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import concurrently from 'concurrently';
import { ensureInfrastructure } from './infra.mjs';
import { busyPort, PortProblem } from './lib/ports.mjs';
import { buildProcessList } from './system.mjs';

// `--replicas=N` (or REPLICAS=N): N of every service, print worker and gateway (gateway i on
// GATEWAY_PORT + i); replicas share requests (NATS queue groups), events (durable consumers) and
// print jobs (BullMQ).
const arg = process.argv.slice(2).find((a) => a.startsWith('--replicas='));
const replicas = Number(arg ? arg.slice('--replicas='.length) : (process.env.REPLICAS ?? 1));
if (!Number.isInteger(replicas) || replicas < 1 || replicas > 8) {
  console.error(
    `[start] --replicas (or REPLICAS) must be a whole number from 1 to 8, got "${arg ?? process.env.REPLICAS}"`,
  );
  process.exit(1);
}

// Every port a process will listen on (gateways, stand-ins, health probes if HEALTH_PORT is set),
// before anything is started or built: a taken port is one line, not a child's stack trace.
const env = {
  ...process.env,
  BOOTSTRAP_ADMIN_PASSWORD: process.env.BOOTSTRAP_ADMIN_PASSWORD ?? 'admin-dev-password',
};
let list;
try {
  list = buildProcessList({ replicas, env });
} catch (err) {
  if (!(err instanceof PortProblem)) throw err;
  console.error(`[start] ${err.message}`);
  process.exit(1);
}
async function stopIfBusy() {
  const busy = await busyPort(list);
  if (busy) {
    console.error(`[start] ${busy}`);
    process.exit(1);
  }
}
await stopIfBusy();

await ensureInfrastructure();

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // The web portal is built by Vite (below), not by tsc.
    if (entry.name === 'node_modules' || entry.name === 'test' || path === join('apps', 'portal'))
      continue;
    if (entry.isDirectory()) latest = Math.max(latest, newest(path));
    else if (entry.name.endsWith('.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}
const stamp = 'dist/.tsbuildinfo';
const sources = Math.max(newest('apps'), newest('libs'), statSync('tsconfig.base.json').mtimeMs);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
  console.log('[start] building…');
  execSync('npm run build', { stdio: 'inherit' });
}
// The web portal the gateway serves at `/`: built when missing or older than its sources.
function newestClient(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestClient(path));
    else latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}
const portalIndex = 'dist/apps/portal/index.html';
const portalSources = Math.max(
  newestClient('apps/portal/src'),
  newestClient('libs/api-client/src'),
  statSync('apps/portal/index.html').mtimeMs,
);
if (!existsSync(portalIndex) || statSync(portalIndex).mtimeMs < portalSources) {
  console.log('[start] building the web portal…');
  execSync('npm run build:portal', { stdio: 'inherit' });
}

// The mini-program's H5 build, served by the gateway at /m/ (built when missing or stale).
execSync('node scripts/build-mini-program.mjs --if-needed', { stdio: 'inherit' });

// Again just before launching: the build takes a while, and something may have taken a port.
await stopIfBusy();

const colors = {
  province: 'gray',
  wechat: 'gray',
  identity: 'cyan',
  recruiting: 'green',
  signing: 'magenta',
  review: 'yellow',
  printing: 'blue',
  'print-worker': 'blueBright',
  'dispatch-sync': 'red',
  gateway: 'white',
};
const processes = list.map((p) => ({
  name: p.name,
  command: `node ${p.main}`,
  env: p.env,
  prefixColor: colors[p.role] ?? 'white',
}));

const { result } = concurrently(processes, {
  prefix: '[{name}]',
  killOthersOn: ['failure'],
  killSignal: 'SIGTERM',
});
const gateways = list
  .filter((p) => p.role === 'gateway')
  .map((p) => `http://localhost:${p.port.number}/api`);
const standIns = list
  .filter((p) => p.role === 'province' || p.role === 'wechat')
  .map(
    (p) =>
      `${p.role === 'province' ? 'provincial stand-in' : 'WeChat fake'} on http://127.0.0.1:${p.port.number}`,
  );
console.log(
  `[start] ${replicas} replica(s) of each process; portal on ${gateways.map((g) => g.replace(/api$/, '')).join(', ')} · API on /api (docs: /api/docs) · mini-program (H5) at /m/${standIns.length ? ` · ${standIns.join(' · ')}` : ''}`,
);
await result.catch(() => process.exit(1));
