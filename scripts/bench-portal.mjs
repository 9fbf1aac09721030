#!/usr/bin/env node
// `npm run bench:portal`: the web portal's budgets, printed (nothing asserted).
// 1. The login page's initial JavaScript, gzip: dist/apps/portal served as the gateway serves it,
//    opened in Debian's Chromium; every script the page loads until the form shows (and a second after)
//    (target ≤ 250 KB; routes load lazily).
// 2. The review queue of 1,000 tasks (part B's page): time until interactive in Chromium against
//    the real system (tools/portal-bench), when both exist; otherwise skipped with a message.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';

const dist = 'dist/apps/portal';
if (!existsSync(join(dist, 'index.html'))) {
  const build = spawnSync('npm', ['run', 'build:portal'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const TYPES = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  const file = path.startsWith('/assets/') ? join(dist, path) : join(dist, 'index.html');
  if (path.startsWith('/api/')) {
    res
      .writeHead(401, { 'content-type': 'application/json' })
      .end('{"code":"UNAUTHENTICATED","message":"未登录"}');
    return;
  }
  if (!existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res
    .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    .end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
const scripts = new Map();
page.on('response', async (response) => {
  const url = new URL(response.url());
  if (url.pathname.endsWith('.js'))
    scripts.set(url.pathname, await response.body().catch(() => Buffer.alloc(0)));
});
const started = performance.now();
await page.goto(`${base}/login`, { waitUntil: 'load', timeout: 120_000 });
await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 120_000 });
const shown = performance.now() - started;
// Anything the page still fetches right after showing the form counts too.
await page.waitForTimeout(1000);
let raw = 0;
let gzip = 0;
const rows = [];
for (const [path, body] of scripts) {
  const z = gzipSync(body).length;
  raw += body.length;
  gzip += z;
  rows.push({
    file: path.replace('/assets/', ''),
    kB: +(body.length / 1024).toFixed(1),
    gzipKB: +(z / 1024).toFixed(1),
  });
}
await browser.close();
server.close();
rows.sort((a, b) => b.gzipKB - a.gzipKB);
console.table(rows);
console.log(
  `login page: ${scripts.size} scripts, ${(raw / 1024).toFixed(0)} KB, ${(gzip / 1024).toFixed(1)} KB gzip (target ≤ 250 KB gzip); ` +
    `login form shown ${shown.toFixed(0)} ms after navigation (local static server, this machine)`,
);

// 2. The review queue of 1,000 tasks.
if (!existsSync('apps/portal/src/features/review/review-queue-page.tsx')) {
  console.log('review queue: skipped — the review queue page (part B) is not in this tree');
} else if (!existsSync('tools/portal-bench/playwright.config.ts')) {
  console.log(
    'review queue: skipped — the 1,000-task run against the real system (tools/portal-bench) is not written yet',
  );
} else {
  const run = spawnSync(
    process.execPath,
    [
      join('node_modules', '@playwright', 'test', 'cli.js'),
      'test',
      '-c',
      'tools/portal-bench/playwright.config.ts',
    ],
    {
      stdio: 'inherit',
    },
  );
  process.exit(run.status ?? 1);
}
