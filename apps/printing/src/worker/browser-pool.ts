import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, {
  type Browser,
  type HTTPRequest,
  type Page,
  type PDFOptions,
} from 'puppeteer-core';

/**
 * One headless Chromium per worker process, reused across jobs (launching costs ~3 s), with a
 * fixed number of pages rendering at once (more than one per core does not help and full CJK
 * fonts at 8 pages crashed the renderer). The browser is replaced after `recycleAfter` documents
 * (Chromium's memory only grows) or as soon as it crashes or disconnects.
 *
 * Pages never run script and never fetch: JavaScript is off, content arrives through
 * page.setContent (document.write into about:blank, so there is no document request at all),
 * every request except a data: URL is aborted, and the page is emulated offline. (A pooled page
 * keeps rewriting the same document, so a CSP meta tag it once received stays in force — fine
 * here, since the templates all carry the same one.)
 */
export interface BrowserPoolOptions {
  /** Default: Debian's /usr/bin/chromium (the printing service passes CHROMIUM_PATH). */
  executablePath?: string;
  /** Pages rendering at once (PRINT_CONCURRENCY). */
  concurrency?: number;
  /** Replace the browser after this many documents. */
  recycleAfter?: number;
  /** Per document: setContent + printToPDF. */
  renderTimeoutMs?: number;
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Containers (compose's print-worker) give /dev/shm 64 MB, too little for a renderer: use /tmp.
  '--disable-dev-shm-usage',
];

/** What the renderer needs from the pool (lets tests and the benchmark substitute their own). */
export interface PdfRenderer {
  render(html: string, pdf?: PDFOptions): Promise<Buffer>;
}

const DEFAULT_PDF: PDFOptions = {
  printBackground: true,
  preferCSSPageSize: true,
  // Tagging and the outline need the accessibility tree: slower, and no use on a printed form.
  tagged: false,
  outline: false,
};

interface Generation {
  browser: Browser;
  userDataDir: string;
  idle: Page[];
  documents: number;
  active: number;
  alive: boolean;
}

export class BrowserPool implements PdfRenderer {
  private readonly executablePath: string;
  private readonly concurrency: number;
  private readonly recycleAfter: number;
  private readonly renderTimeoutMs: number;
  private current: Promise<Generation> | null = null;
  private currentGen: Generation | null = null;
  private readonly waiters: Array<() => void> = [];
  private busy = 0;
  private closed = false;
  /** For metrics and tests; `blockedRequests` counts requests Chromium reports aborted by the interception. */
  readonly counters = { documents: 0, launches: 0, blockedRequests: 0, crashes: 0 };

  constructor(options: BrowserPoolOptions = {}) {
    this.executablePath = options.executablePath ?? '/usr/bin/chromium';
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.recycleAfter = Math.max(1, options.recycleAfter ?? 300);
    this.renderTimeoutMs = options.renderTimeoutMs ?? 30_000;
  }

  async render(html: string, pdf: PDFOptions = {}): Promise<Buffer> {
    if (this.closed) throw new Error('BrowserPool is closed');
    await this.acquireSlot();
    try {
      try {
        return await this.renderOnce(html, pdf);
      } catch (error) {
        // A crashed or disconnected browser is replaced; the document gets one more try on the
        // new one. Any other failure (timeout, bad options) is the caller's to retry.
        if (this.closed || !(error instanceof BrowserGoneError)) throw error;
        return await this.renderOnce(html, pdf);
      }
    } finally {
      this.releaseSlot();
    }
  }

  /** Process id of the browser (the benchmark sums the RSS of it and its children). */
  async browserPid(): Promise<number | undefined> {
    return this.current ? (await this.current).browser.process()?.pid : undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    const current = this.current;
    this.current = null;
    this.currentGen = null;
    if (current) await this.dispose(await current.catch(() => null));
    // Retired browsers still closing in the background: done before close() resolves.
    await Promise.all(this.disposals);
  }

  private async renderOnce(html: string, pdf: PDFOptions): Promise<Buffer> {
    const gen = await this.generation();
    gen.active++;
    let page: Page | undefined;
    let pageOk = false;
    try {
      page = gen.idle.pop() ?? (await this.newPage(gen));
      await page.setContent(html, { waitUntil: 'load', timeout: this.renderTimeoutMs });
      const bytes = await page.pdf({ ...DEFAULT_PDF, ...pdf, timeout: this.renderTimeoutMs });
      pageOk = true;
      this.counters.documents++;
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (error) {
      if (!gen.alive || !gen.browser.connected) throw new BrowserGoneError(error);
      throw error;
    } finally {
      gen.active--;
      gen.documents++;
      if (page && pageOk && gen.alive) gen.idle.push(page);
      else if (page) void page.close().catch(() => undefined);
      if (gen.documents >= this.recycleAfter) this.retire(gen);
      else if (!gen.alive && gen.active === 0) void this.dispose(gen);
    }
  }

  private async newPage(gen: Generation): Promise<Page> {
    const page = await gen.browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setOfflineMode(true);
    await page.setRequestInterception(true);
    page.on('request', (request: HTTPRequest) => {
      if (request.url().startsWith('data:')) {
        void request.continue().catch(() => undefined);
      } else {
        void request.abort('blockedbyclient').catch(() => undefined);
      }
    });
    // Counted when Chromium reports the abort, not when it is asked for: a request that failed for
    // another reason (the offline emulation says net::ERR_INTERNET_DISCONNECTED) is not one this
    // fence stopped, so the counter shows that interception itself works. (Subresources report
    // `net::ERR_BLOCKED_BY_CLIENT.Inspector`, frames the bare code.)
    page.on('requestfailed', (request: HTTPRequest) => {
      if (request.failure()?.errorText.startsWith('net::ERR_BLOCKED_BY_CLIENT'))
        this.counters.blockedRequests++;
    });
    return page;
  }

  private generation(): Promise<Generation> {
    if (!this.current) {
      const launching = this.launch();
      this.current = launching;
      launching.then(
        (gen) => {
          if (this.current === launching) this.currentGen = gen;
        },
        // A failed launch must not be cached: the next job tries again.
        () => {
          if (this.current === launching) this.current = null;
        },
      );
    }
    return this.current;
  }

  private async launch(): Promise<Generation> {
    const userDataDir = await mkdtemp(join(tmpdir(), 'netsign-chromium-'));
    try {
      const browser = await puppeteer.launch({
        executablePath: this.executablePath,
        headless: true,
        // DevTools over a pipe, not a WebSocket: Chromium then exits when this process dies, even
        // by SIGKILL (the pipe closes), instead of living on as an orphan with its renderers.
        pipe: true,
        args: CHROMIUM_ARGS,
        userDataDir,
        protocolTimeout: this.renderTimeoutMs * 2,
      });
      const gen: Generation = {
        browser,
        userDataDir,
        idle: [],
        documents: 0,
        active: 0,
        alive: true,
      };
      browser.on('disconnected', () => {
        if (gen.alive && !this.closed) this.counters.crashes++;
        this.retire(gen);
      });
      this.counters.launches++;
      return gen;
    } catch (error) {
      await rm(userDataDir, { recursive: true, force: true });
      throw error;
    }
  }

  /** Stop handing out this browser; close it once its in-flight documents are done. */
  private retire(gen: Generation): void {
    gen.alive = false;
    if (this.currentGen === gen) {
      this.current = null;
      this.currentGen = null;
    }
    if (gen.active === 0) void this.dispose(gen);
  }

  private readonly disposed = new WeakSet<Generation>();
  private readonly disposals = new Set<Promise<void>>();

  private dispose(gen: Generation | null): Promise<void> {
    if (!gen || this.disposed.has(gen)) return Promise.resolve();
    this.disposed.add(gen);
    gen.alive = false;
    const done = (async () => {
      await gen.browser.close().catch(() => gen.browser.process()?.kill('SIGKILL'));
      await rm(gen.userDataDir, { recursive: true, force: true }).catch(() => undefined);
    })();
    this.disposals.add(done);
    void done.finally(() => this.disposals.delete(done));
    return done;
  }

  private acquireSlot(): Promise<void> {
    if (this.busy < this.concurrency) {
      this.busy++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private releaseSlot(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.busy--;
  }
}

class BrowserGoneError extends Error {
  constructor(cause: unknown) {
    super(
      `Chromium went away while rendering: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
    this.name = 'BrowserGoneError';
  }
}
