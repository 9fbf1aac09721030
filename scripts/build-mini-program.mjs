#!/usr/bin/env node
// `npm run build:mini-program`: the graduates' mini-program (apps/mini-program, Taro 4) built for
// WeChat (dist/apps/mini-program/weapp) and as H5 (dist/apps/mini-program/h5, served at /m/).
// The WeChat appid comes from WECHAT_APPID (or TARO_APP_ID); without one, DevTools' tourist appid.
// `--if-needed` skips a target whose output is newer than every source (npm start uses it).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const app = 'apps/mini-program';
const ifNeeded = process.argv.includes('--if-needed');
const only = process.argv.find((a) => a === 'weapp' || a === 'h5');
const targets = only ? [only] : ['weapp', 'h5'];

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (!existsSync(join(app, 'node_modules/.bin/taro'))) {
  console.error(
    `[mini-program] ${app}/node_modules is missing: run npm ci (the root postinstall installs it)`,
  );
  process.exit(1);
}
const sources = Math.max(
  newest(join(app, 'src')),
  newest(join(app, 'config')),
  newest('libs/api-client/src'),
  newest('libs/standard-codes/src'),
);
const env = {
  ...process.env,
  NODE_ENV: 'production',
  TARO_APP_ID: process.env.TARO_APP_ID ?? process.env.WECHAT_APPID ?? 'touristappid',
};
for (const target of targets) {
  const marker = `dist/apps/mini-program/${target}/${target === 'h5' ? 'index.html' : 'app.json'}`;
  if (ifNeeded && existsSync(marker) && statSync(marker).mtimeMs > sources) continue;
  const started = Date.now();
  execFileSync('node_modules/.bin/taro', ['build', '--type', target], {
    cwd: app,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  console.log(
    `[mini-program] ${target} built in ${((Date.now() - started) / 1000).toFixed(1)} s → dist/apps/mini-program/${target}`,
  );
}
