import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { waitFor } from '@netsign/testing';
import { BrowserPool } from '../src/worker/browser-pool.js';

/** Processes (zombies aside) whose command line contains `needle`. */
function processesWith(needle: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]?.[0];
      if (cmdline.includes(needle) && state !== 'Z') found.push(Number(entry));
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

const html = (n: number) => `<!doctype html><html><body><p>document ${n}</p></body></html>`;
const isPdf = (b: Buffer) => b.subarray(0, 5).toString('latin1') === '%PDF-';

describe('browser pool (real Chromium)', () => {
  let pool: BrowserPool | undefined;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('reuses one browser and replaces it after the configured number of documents', async () => {
    pool = new BrowserPool({ concurrency: 2, recycleAfter: 3 });
    const pdfs = await Promise.all([1, 2, 3, 4, 5].map((n) => pool!.render(html(n))));
    expect(pdfs.every(isPdf)).toBe(true);
    expect(pool.counters.documents).toBe(5);
    expect(pool.counters.launches).toBe(2);
  });

  it('survives the browser being killed between and during documents', async () => {
    pool = new BrowserPool({ concurrency: 1 });
    expect(isPdf(await pool.render(html(1)))).toBe(true);
    const first = await pool.browserPid();
    process.kill(first!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(isPdf(await pool.render(html(2)))).toBe(true);
    const second = await pool.browserPid();
    expect(second).not.toBe(first);

    // Killed while a document is in flight: that document is retried once on a new browser.
    const inFlight = pool.render(`<!doctype html><p>${'x '.repeat(200_000)}</p>`);
    setTimeout(() => process.kill(second!, 'SIGKILL'), 50);
    expect(isPdf(await inFlight)).toBe(true);
    expect(pool.counters.launches).toBe(3);
    expect(pool.counters.crashes).toBe(2);
  });

  it('takes its browser down with it when its process is SIGKILLed (no orphaned Chromium)', async () => {
    // A real worker process is killed, so the pool runs from dist/ (Jest's global set-up builds it).
    const pool = pathToFileURL(resolve('dist/apps/printing/src/worker/browser-pool.js')).href;
    const script = `
      const { BrowserPool } = await import(${JSON.stringify(pool)});
      const pool = new BrowserPool({ concurrency: 1 });
      await pool.render('<p>x</p>');
      console.log(await pool.browserPid());
      setInterval(() => {}, 60_000);`;
    const worker = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = await createInterface({ input: worker.stdout! })
      [Symbol.asyncIterator]()
      .next()
      .then((r) => [r.value as string]);
    const browserPid = Number(line);
    const userDataDir = readFileSync(`/proc/${browserPid}/cmdline`, 'utf8')
      .split('\0')
      .find((a) => a.startsWith('--user-data-dir='))!;
    expect(processesWith(userDataDir).length).toBeGreaterThan(1);

    worker.kill('SIGKILL');
    await waitFor(() => processesWith(userDataDir).length === 0, {
      timeoutMs: 15_000,
      what: 'the browser and its renderers to exit with the worker',
    });
  }, 60_000);

  it('refuses work after close', async () => {
    pool = new BrowserPool();
    await pool.close();
    await expect(pool.render(html(1))).rejects.toThrow('closed');
  });
});
