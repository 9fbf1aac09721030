import { afterEach, describe, expect, it } from '@jest/globals';
import { BrowserPool } from '../src/worker/browser-pool.js';

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

  it('refuses work after close', async () => {
    pool = new BrowserPool();
    await pool.close();
    await expect(pool.render(html(1))).rejects.toThrow('closed');
  });
});
