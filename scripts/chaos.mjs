#!/usr/bin/env node
// `npm run chaos -- --minutes=N --seed=S`: builds, then runs dist/chaos/main.js (chaos/main.ts),
// which brings up its own PostgreSQL, Redis and NATS and every process of the platform.
import { execSync, spawnSync } from 'node:child_process';

execSync('npm run build', { stdio: 'inherit' });
const result = spawnSync(process.execPath, ['dist/chaos/main.js', ...process.argv.slice(2)], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
