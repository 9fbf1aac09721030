#!/usr/bin/env node
// `npm run bench:<name>`: builds, makes sure the infrastructure is up, runs dist/bench/<name>.js.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureInfrastructure } from './infra.mjs';

const name = process.argv[2];
await ensureInfrastructure();
execSync('npm run build', { stdio: 'inherit' });
const file = `dist/bench/${name}.js`;
if (!existsSync(file)) {
  console.error(`no benchmark "${name}" (expected bench/${name}.ts)`);
  process.exit(1);
}
const result = spawnSync(process.execPath, [file, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(result.status ?? 1);
