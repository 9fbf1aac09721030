#!/usr/bin/env node
// `npm run audit:verify [-- --json]`: recomputes every service's audit chains in the database at
// DATABASE_URL (default postgres://postgres@127.0.0.1:5432/employment), reports the first broken
// link of each chain and checks the latest anchors dispatch-sync kept (docs/audit-chain.md).
// Compiles the verifier alone (libs/audit-chain/tsconfig.verify.json), then runs it.
// Exit 0: intact; 2: tampered (a chain broken or an anchor mismatched); 1: could not check.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist/libs/audit-chain/src/verify-cli.js');
let tsc = null;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  // no TypeScript (a production install): use the verifier the build left in dist/
}
if (tsc) {
  const built = spawnSync(
    process.execPath,
    [tsc, '-p', join(root, 'libs/audit-chain/tsconfig.verify.json')],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) process.exit(1);
} else if (!existsSync(cli)) {
  console.error(
    'audit:verify: dist/libs/audit-chain/src/verify-cli.js is missing; run npm run build',
  );
  process.exit(1);
}
const run = spawnSync(process.execPath, [cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
