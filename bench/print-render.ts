/**
 * Print engine benchmark: agreements (one PDF, three copies) per second, the naive browser loop
 * against the engine, at 1 and 2 pages in parallel, with the browser's memory.
 *
 *   benchRender({ documents: 30 })                  // from code, e.g. next to the queue benchmark
 *   node dist/bench/print-render.js [docs] [--breakdown]   // compiled, run directly
 *
 * Every variant renders the same agreements (names vary, rare characters included) with freshly
 * signed verification tokens, after a warm-up that is not timed (browser launch, font parsing).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import {
  PRINT_COPIES,
  type AgreementPrintData,
  type CopyToPrint,
} from '../apps/printing/src/worker/agreement-print-data.js';
import {
  AgreementRenderer,
  qrPngDataUrl,
  type RenderStrategy,
} from '../apps/printing/src/worker/agreement-renderer.js';
import { buildAgreementHtml } from '../apps/printing/src/worker/agreement-template.js';
import { BrowserPool, CHROMIUM_ARGS } from '../apps/printing/src/worker/browser-pool.js';
import {
  generateKeyPair,
  signVerificationToken,
} from '../apps/printing/src/modules/verification/verification-token.js';
import { sampleAgreement } from '../apps/printing/test/agreement-fixture.js';

export interface BenchRenderOptions {
  /** Timed agreements per variant and concurrency. */
  documents?: number;
  concurrencies?: number[];
  /** Also run the half-way variants (only pooling, only the fonts, only the stamping). */
  breakdown?: boolean;
  executablePath?: string;
  log?: (line: string) => void;
}

export interface BenchRenderResult {
  variant: string;
  concurrency: number;
  agreementsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Peak memory of the browser and all its child processes: RSS summed (counts shared pages
   *  once per process, so it overstates) and PSS (shared pages split between processes). */
  chromiumPeakRssMb: number;
  chromiumPeakPssMb: number;
  /** CPU time (this process + the browser's process tree) per agreement. Unlike the wall-clock
   *  rate it hardly depends on what else the machine runs; 2000 / cpuMs is what two idle cores
   *  could do at best. */
  cpuMsPerAgreement: number;
  /** RSS of this (Node) process after the row: fonts and glyph caches live here. */
  nodeRssMb: number;
}

type Job = { data: AgreementPrintData; copies: CopyToPrint[] };
type Render = (job: Job) => Promise<unknown>;
interface Variant {
  name: string;
  start(concurrency: number): Promise<{
    render: Render;
    browserPid: () => Promise<number | undefined>;
    stop: () => Promise<void>;
  }>;
}

const NAMES = ['李明', '𠮷䶮', '王喆', '张堃', '欧阳娜娜', '陈思远', '刘一鸣', '赵晓彤'];
const { privateKey } = generateKeyPair();

function makeJob(i: number): Job {
  const base = sampleAgreement();
  const data = {
    ...base,
    agreementNo: `AH2026-10357-${String(i).padStart(6, '0')}`,
    graduate: { ...base.graduate, name: NAMES[i % NAMES.length]! },
  };
  const agreementId = randomUUID();
  const copies = PRINT_COPIES.map((copy) => {
    const token = signVerificationToken(
      {
        agreementNo: data.agreementNo,
        copy,
        renderVersion: 1,
        contentHash: 'ab'.repeat(32),
        agreementId,
        issuedAt: Math.floor(Date.now() / 1000),
      },
      privateKey,
      'k2026',
    );
    return { copy, verifyUrl: `https://jiuye.example.edu.cn/api/verify/${token}` };
  });
  return { data, copies };
}

/** What a first implementation does: a new tab per agreement, three full pages, system Noto. */
function naiveVariant(executablePath: string): Variant {
  return {
    name: 'naive: new page per agreement, 3 browser pages, PNG QR images, system Noto CJK',
    async start() {
      const browser: Browser = await puppeteer.launch({
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
      });
      const render: Render = async ({ data, copies }) => {
        const slots = await Promise.all(
          copies.map(async (c) => ({ copy: c.copy, qrDataUrl: await qrPngDataUrl(c.verifyUrl) })),
        );
        const page = await browser.newPage();
        try {
          await page.setJavaScriptEnabled(false);
          await page.setContent(buildAgreementHtml(data, slots), { waitUntil: 'load' });
          return await page.pdf({ format: 'A4', printBackground: true });
        } finally {
          await page.close();
        }
      };
      return {
        render,
        browserPid: async () => browser.process()?.pid,
        stop: () => browser.close(),
      };
    },
  };
}

function engineVariant(
  name: string,
  executablePath: string,
  strategy: RenderStrategy,
  subsetFonts: boolean,
): Variant {
  return {
    name,
    async start(concurrency) {
      const pool = new BrowserPool({ executablePath, concurrency, recycleAfter: 100_000 });
      const renderer = new AgreementRenderer({ pool, strategy, subsetFonts });
      renderer.warmUp(sampleAgreement());
      return {
        render: ({ data, copies }) => renderer.render(data, copies),
        browserPid: () => pool.browserPid(),
        stop: () => pool.close(),
      };
    },
  };
}

/** CPU time (ms) of a process tree, including children that already exited and were reaped. */
function treeCpuMs(rootPid: number): number {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      children.set(Number(f[1]), [...(children.get(Number(f[1])) ?? []), Number(entry)]);
      cpu.set(
        Number(entry),
        (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * tick,
      );
    } catch {
      // gone
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += cpu.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** RSS and PSS of a process and all its descendants, from /proc (Linux), in MB. */
function treeMemoryMb(rootPid: number): { rss: number; pss: number } {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended while we looked
    }
  }
  let rss = 0;
  let pss = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      rss += Number(/^Rss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      pss += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
    } catch {
      // gone
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return { rss: rss / 1024, pss: pss / 1024 };
}

async function measure(
  variant: Variant,
  concurrency: number,
  documents: number,
): Promise<BenchRenderResult> {
  const engine = await variant.start(concurrency);
  try {
    await Promise.all(
      Array.from({ length: concurrency * 2 }, (_, i) => engine.render(makeJob(-1 - i))),
    );
    const pid = await engine.browserPid();
    const peak = { rss: 0, pss: 0 };
    const sample = () => {
      const m = pid ? treeMemoryMb(pid) : { rss: 0, pss: 0 };
      peak.rss = Math.max(peak.rss, m.rss);
      peak.pss = Math.max(peak.pss, m.pss);
    };
    const sampler = setInterval(sample, 500);
    const latencies: number[] = [];
    let next = 0;
    const cpuBefore = process.cpuUsage();
    const browserCpuBefore = pid ? treeCpuMs(pid) : 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < documents) {
          const job = makeJob(next++);
          const t = performance.now();
          await engine.render(job);
          latencies.push(performance.now() - t);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const own = process.cpuUsage(cpuBefore);
    const cpuMs = (own.user + own.system) / 1000 + (pid ? treeCpuMs(pid) - browserCpuBefore : 0);
    clearInterval(sampler);
    sample();
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      Math.round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!);
    return {
      variant: variant.name,
      concurrency,
      agreementsPerSecond: documents / seconds,
      p50Ms: pct(0.5),
      p95Ms: pct(0.95),
      chromiumPeakRssMb: Math.round(peak.rss),
      chromiumPeakPssMb: Math.round(peak.pss),
      cpuMsPerAgreement: Math.round(cpuMs / documents),
      nodeRssMb: Math.round(process.memoryUsage().rss / 1048576),
    };
  } finally {
    await engine.stop();
  }
}

export async function benchRender(options: BenchRenderOptions = {}): Promise<BenchRenderResult[]> {
  const documents = options.documents ?? 30;
  const concurrencies = options.concurrencies ?? [1, 2];
  const path = options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const log = options.log ?? ((line: string) => console.log(line));
  const engineName =
    'engine: subset TrueType fonts, body rendered once, labels + vector QR stamped (pdf-lib)';
  const variants = [
    naiveVariant(path),
    ...(options.breakdown
      ? [
          engineVariant(
            'only pooling: pooled page, 3 browser pages, PNG QR, system Noto CJK',
            path,
            'browser-copies',
            false,
          ),
          engineVariant(
            'only fonts: subset TrueType fonts, 3 browser pages, PNG QR',
            path,
            'browser-copies',
            true,
          ),
          engineVariant(
            'only stamping: system Noto CJK, body once + stamped',
            path,
            'stamped',
            false,
          ),
        ]
      : []),
    engineVariant(engineName, path, 'stamped', true),
  ];
  const results: BenchRenderResult[] = [];
  log(
    `print render benchmark: ${documents} agreements (3 copies each) per row, pooled pages = concurrency`,
  );
  log(
    'agreements/s  p50 ms  p95 ms  CPU ms/agreement  chromium peak RSS/PSS MB  node RSS MB  conc  variant',
  );
  for (const variant of variants) {
    for (const concurrency of concurrencies) {
      const r = await measure(variant, concurrency, documents);
      results.push(r);
      log(
        `${r.agreementsPerSecond.toFixed(2).padStart(12)}  ${String(r.p50Ms).padStart(6)}  ${String(r.p95Ms).padStart(6)}  ${String(r.cpuMsPerAgreement).padStart(16)}  ${`${r.chromiumPeakRssMb}/${r.chromiumPeakPssMb}`.padStart(24)}  ${String(r.nodeRssMb).padStart(11)}  ${String(concurrency).padStart(4)}  ${variant.name}`,
      );
    }
  }
  const best = (name: string) =>
    Math.max(...results.filter((r) => r.variant === name).map((r) => r.agreementsPerSecond));
  const engine = best(engineName);
  const naive = best(variants[0]!.name);
  const cpu = (name: string) =>
    Math.min(...results.filter((r) => r.variant === name).map((r) => r.cpuMsPerAgreement));
  log(
    `CPU per agreement: engine ${cpu(engineName)} ms, naive ${cpu(variants[0]!.name)} ms ` +
      `(two idle cores: at most ${(2000 / cpu(engineName)).toFixed(1)} vs ${(2000 / cpu(variants[0]!.name)).toFixed(1)} agreements/s)`,
  );
  log(
    `engine best ${engine.toFixed(2)}/s (target >= 5/s: ${engine >= 5 ? 'met' : 'NOT met'}); ` +
      `${(engine / naive).toFixed(1)}x the naive best ${naive.toFixed(2)}/s (target >= 4x: ${engine / naive >= 4 ? 'met' : 'NOT met'})`,
  );
  return results;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchRender({
    documents: Number(process.argv[2]) || 30,
    breakdown: process.argv.includes('--breakdown'),
  });
}
