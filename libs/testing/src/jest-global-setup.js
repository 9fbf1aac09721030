import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import net from 'node:net';
import { join, resolve } from 'node:path';

const targets = [
  ['PostgreSQL', process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/employment', 5432],
  ['NATS', process.env.NATS_URL ?? 'nats://127.0.0.1:4222', 4222],
  ['Redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 6379],
];

function reachable(url, defaultPort) {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || defaultPort) });
    socket.setTimeout(2000);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Tests that start the built processes (they SIGKILL a real one): `dist/` must be current before
 * they run. Built here, once, before any test starts (with its output shown), rather than inside a
 * test's set-up; CI has built already, so there it is a check of modification times.
 */
const NEEDS_DIST = ['apps/dispatch-sync/test/sigkill.integration-spec.ts'];
const DIST_ENTRY = 'dist/apps/dispatch-sync/src/main.js';
/** Written by every build (tsconfig.build.json's tsBuildInfoFile): when dist/ was last brought up to date. */
const BUILD_STAMP = 'dist/.tsbuildinfo';

/** Whether the run selects any of `files` (no path pattern: every test runs). */
function selects(globalConfig, files) {
  const patterns = globalConfig.testPathPatterns?.patterns ?? [];
  if (patterns.length === 0) return true;
  return files.some((file) =>
    patterns.some((pattern) => new RegExp(pattern, 'i').test(resolve(globalConfig.rootDir, file))),
  );
}

/** Newest modification time of the TypeScript sources the build compiles (each app's and lib's src/). */
function newestSource(rootDir) {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const top of ['apps', 'libs']) {
    for (const pkg of readdirSync(join(rootDir, top))) {
      const src = join(rootDir, top, pkg, 'src');
      if (existsSync(src)) walk(src);
    }
  }
  return newest;
}

function ensureBuilt(globalConfig) {
  if (!selects(globalConfig, NEEDS_DIST)) return;
  const stamp = join(globalConfig.rootDir, BUILD_STAMP);
  const built = existsSync(join(globalConfig.rootDir, DIST_ENTRY)) && existsSync(stamp);
  if (built && statSync(stamp).mtimeMs >= newestSource(globalConfig.rootDir)) return;
  console.log(
    '\n[tests] dist/ is missing or older than the sources; building it for the tests that run built processes',
  );
  const build = spawnSync('npm', ['run', 'build'], { cwd: globalConfig.rootDir, stdio: 'inherit' });
  if (build.status !== 0)
    throw new Error('"npm run build" failed; tests that run the built processes need dist/');
  // An incremental build that found nothing to emit leaves its files alone: mark it current.
  const now = new Date();
  utimesSync(stamp, now, now);
}

/** Tests run against the real services; say clearly which one is missing instead of timing out. */
export default async function globalSetup(globalConfig) {
  const missing = [];
  for (const [name, url, port] of targets)
    if (!(await reachable(url, port))) missing.push(`${name} at ${url}`);
  if (missing.length) {
    throw new Error(
      `Tests need these services running: ${missing.join(', ')}. Start them with "npm run infra" (see README).`,
    );
  }
  ensureBuilt(globalConfig);
}
