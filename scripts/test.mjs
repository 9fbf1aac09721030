#!/usr/bin/env node
// Runs every test: Jest (unit, integration, e2e; ESM mode, which Nest 12 needs; then four e2e files
// again against two replicas of everything), the portal's
// component tests (Vitest), then the browser tests (Playwright on Debian's Chromium against the real system, playwright.config.ts).
// Extra arguments go to Jest; a path filter (e.g. `npm test -- libs/messaging`) runs only Jest.
// `--ci` (from .ci/run) also writes Vitest's and Playwright's JSON reports to reports/vitest.json and
// reports/playwright.json.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const env = { ...process.env, NODE_ENV: 'test' };
const jest = require.resolve('jest/bin/jest');
const filteredRun = args.some((a) => !a.startsWith('-'));
// The mini-program's weapp output is checked by Jest and its H5 build is driven by Playwright:
// build whichever is missing or older than its sources (CI has built both already).
if (!filteredRun && process.env.SKIP_MINI_PROGRAM_BUILD !== '1') {
  const mini = spawnSync(process.execPath, ['scripts/build-mini-program.mjs', '--if-needed'], {
    stdio: 'inherit',
  });
  if (mini.status !== 0) process.exit(1);
}
const filtered = args.some((a) => !a.startsWith('-'));
const jestRun = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, '--forceExit', ...args],
  // A whole run leaves the solo files (jest.config.js) to the pass below; a filtered run runs
  // whatever it names.
  { stdio: 'inherit', env: filtered ? env : { ...env, JEST_SKIP_SOLO: '1' } },
);
if (filtered) process.exit(jestRun.status ?? 1);

// The chaos runs and the NATS cluster test, one at a time with nothing else running: each starts
// a cluster or a replicated system of its own. With --ci the report goes to reports/jest-solo.json.
const soloRun = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    jest,
    '--forceExit',
    '--runInBand',
    ...args.map((a) => (a.startsWith('--outputFile=') ? '--outputFile=reports/jest-solo.json' : a)),
    'e2e/chaos',
    'libs/testing/test/nats-cluster',
  ],
  { stdio: 'inherit', env },
);

// The signing, review, printing and dispatch e2e files again against two replicas of every
// service and two gateways (as `npm start -- --replicas=2` runs them). With --ci its report goes
// to reports/jest-replicas.json.
const REPLICA_FILES = ['e2e/signing.e2e', 'e2e/review.e2e', 'e2e/printing.e2e', 'e2e/dispatch.e2e'];
const replicasRun =
  process.env.SKIP_REPLICAS_E2E === '1'
    ? { status: 0 }
    : spawnSync(
        process.execPath,
        [
          '--experimental-vm-modules',
          '--no-warnings=ExperimentalWarning',
          jest,
          '--forceExit',
          ...args.map((a) =>
            a.startsWith('--outputFile=') ? '--outputFile=reports/jest-replicas.json' : a,
          ),
          ...REPLICA_FILES,
        ],
        { stdio: 'inherit', env: { ...env, E2E_REPLICAS: '2' } },
      );

// The portal's component tests (Vitest, jsdom): after Jest, before the browser tests. Vitest's
// root is apps/portal, so its report path is absolute.
const vitest = join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
const vitestRun = spawnSync(
  process.execPath,
  [
    vitest,
    'run',
    '--config',
    'apps/portal/vitest.config.ts',
    ...(args.includes('--ci')
      ? [
          '--reporter=default',
          '--reporter=json',
          `--outputFile.json=${join(process.cwd(), 'reports', 'vitest.json')}`,
        ]
      : []),
  ],
  { stdio: 'inherit', env },
);
if (process.env.SKIP_BROWSER_TESTS === '1')
  process.exit(jestRun.status || soloRun.status || replicasRun.status || vitestRun.status || 0);

// The browser tests drive the built system: build what is missing (CI has built it already).
if (!existsSync('dist/apps/gateway/src/main.js') || !existsSync('dist/apps/portal/index.html')) {
  const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const playwright = require.resolve('@playwright/test/cli');
const browserRun = spawnSync(process.execPath, [playwright, 'test'], {
  stdio: 'inherit',
  env: { ...env, ...(args.includes('--ci') ? { CI: 'true' } : {}) },
});
process.exit(
  jestRun.status ||
    soloRun.status ||
    replicasRun.status ||
    vitestRun.status ||
    browserRun.status ||
    0,
);
