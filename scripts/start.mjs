#!/usr/bin/env node
// `npm start`: infrastructure check (starting local servers if needed), build if sources changed,
// then every process of the platform with prefixed logs. Ctrl-C stops them all gracefully.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import concurrently from 'concurrently';
import { ensureInfrastructure } from './infra.mjs';

await ensureInfrastructure();

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    // The web portal is built by Vite (below), not by tsc.
    if (entry.name === 'node_modules' || entry.name === 'test' || path === join('apps', 'portal')) continue;
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
const portalSources = Math.max(newestClient('apps/portal/src'), newestClient('libs/api-client/src'), statSync('apps/portal/index.html').mtimeMs);
if (!existsSync(portalIndex) || statSync(portalIndex).mtimeMs < portalSources) {
  console.log('[start] building the web portal…');
  execSync('npm run build:portal', { stdio: 'inherit' });
}

const env = { ...process.env };
const dev = [];
// Without a configured provincial system or WeChat app, run the bundled stand-ins.
if (!env.PROVINCE_DISPATCH_URL && existsSync('dist/apps/province-standin/src/main.js')) {
  env.PROVINCE_DISPATCH_URL = 'http://127.0.0.1:3900';
  dev.push({ name: 'province', command: 'node dist/apps/province-standin/src/main.js', prefixColor: 'gray' });
}
if (!env.WECHAT_API_BASE && existsSync('dist/apps/wechat-fake/src/main.js')) {
  env.WECHAT_API_BASE = 'http://127.0.0.1:3901';
  env.WECHAT_APPID ??= 'wx-dev-app';
  env.WECHAT_SECRET ??= 'wx-dev-secret';
  dev.push({ name: 'wechat', command: 'node dist/apps/wechat-fake/src/main.js', prefixColor: 'gray' });
}
env.BOOTSTRAP_ADMIN_PASSWORD ??= 'admin-dev-password';

const node = (app, extra = {}) => ({ command: `node dist/apps/${app}/src/main.js`, env: { ...env, ...extra } });
const processes = [
  ...dev.map((d) => ({ ...d, env })),
  { name: 'identity', ...node('identity'), prefixColor: 'cyan' },
  { name: 'recruiting', ...node('recruiting'), prefixColor: 'green' },
  { name: 'signing', ...node('signing'), prefixColor: 'magenta' },
  { name: 'review', ...node('review'), prefixColor: 'yellow' },
  { name: 'printing', ...node('printing', { PRINT_ROLE: 'api' }), prefixColor: 'blue' },
  { name: 'print-worker', ...node('printing', { PRINT_ROLE: 'worker' }), prefixColor: 'blueBright' },
  { name: 'dispatch', ...node('dispatch-sync'), prefixColor: 'red' },
  { name: 'gateway', ...node('gateway'), prefixColor: 'white' },
];

const { result } = concurrently(processes, { prefix: '[{name}]', killOthersOn: ['failure'], killSignal: 'SIGTERM' });
console.log(`[start] portal on http://localhost:${env.GATEWAY_PORT ?? 3000}/ · API on /api (docs: /api/docs)`);
await result.catch(() => process.exit(1));
