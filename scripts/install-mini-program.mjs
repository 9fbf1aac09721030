#!/usr/bin/env node
// Root postinstall: the mini-program is its own npm package (Taro 4 needs React 18; the portal at
// the root uses React 19), with its own lockfile. `npm ci` at the root installs it here, unless
// its node_modules already matches its lockfile (a later `npm i <pkg>` at the root skips it).
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const app = 'apps/mini-program';
const lock = `${app}/package-lock.json`;
const installed = `${app}/node_modules/.package-lock.json`;
if (!existsSync(lock)) process.exit(0);
if (
  existsSync(installed) &&
  statSync(installed).mtimeMs >= statSync(lock).mtimeMs &&
  !process.env.CI
) {
  console.log(`[mini-program] ${app}/node_modules is up to date`);
  process.exit(0);
}
// `npm install` from the lockfile, not `npm ci`: npm 11 leaves other platforms' optional packages
// (@tarojs/binding-darwin-*, -win32-*) out of the lockfile it writes, and `npm ci` then refuses the
// lockfile as out of sync. `npm install` installs exactly the locked versions and leaves the
// lockfile as it is (checked: byte-identical after a clean install).
console.log(`[mini-program] npm install (from its lockfile) in ${app}`);
execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
  cwd: app,
  stdio: 'inherit',
});
