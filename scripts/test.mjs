#!/usr/bin/env node
// Runs every test (unit, integration, e2e) in Jest's ESM mode, which Nest 12 (ESM-only) needs.
// Extra arguments go to Jest, e.g. `npm test -- libs/messaging`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const jest = require.resolve('jest/bin/jest');
const result = spawnSync(
  process.execPath,
  ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', jest, '--forceExit', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
);
process.exit(result.status ?? 1);
