import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile as execFileCb } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  PRINT_COPIES,
  PRINT_COPY_LABELS,
  type CopyToPrint,
} from '../src/worker/agreement-print-data.js';
import { AgreementRenderer } from '../src/worker/agreement-renderer.js';
import { BrowserPool } from '../src/worker/browser-pool.js';
import {
  generateKeyPair,
  signVerificationToken,
  verifyVerificationToken,
} from '../src/modules/verification/verification-token.js';
import { sampleAgreement } from './agreement-fixture.js';

const execFile = promisify(execFileCb);

/** Real Chromium, poppler-utils and zbar-tools: the renderer is only as good as what they read back. */
describe('agreement renderer (real Chromium)', () => {
  let dir: string;
  let pool: BrowserPool;
  let renderer: AgreementRenderer;
  let server: Server;
  let port: number;
  const hits: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netsign-print-test-'));
    server = createServer((req, res) => {
      hits.push(`${req.method} ${req.url}`);
      res.end('x');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    pool = new BrowserPool({ concurrency: 1 });
    renderer = new AgreementRenderer({ pool });
  });

  afterAll(async () => {
    await pool?.close();
    await new Promise((resolve) => server?.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function pdfText(pdf: Buffer, page?: number): Promise<string> {
    const file = join(dir, `${randomUUID()}.pdf`);
    await writeFile(file, pdf);
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return (await execFile('pdftotext', [...range, '-enc', 'UTF-8', file, '-'])).stdout;
  }

  async function pageCount(pdf: Buffer): Promise<number> {
    const file = join(dir, `${randomUUID()}.pdf`);
    await writeFile(file, pdf);
    return Number(/Pages:\s+(\d+)/.exec((await execFile('pdfinfo', [file])).stdout)?.[1]);
  }

  function copiesFor(base: string): CopyToPrint[] {
    return PRINT_COPIES.map((copy) => ({ copy, verifyUrl: `${base}/${copy}` }));
  }

  it('prints hostile free text literally and lets no request leave the browser', async () => {
    const base = `http://127.0.0.1:${port}`;
    const hostile = [
      '<script>alert(1)</script>',
      `<img src=${base}/x.png>`,
      `<link rel=stylesheet href=${base}/x.css>`,
    ];
    const data = sampleAgreement();
    const pdf = await renderer.render(
      { ...data, terms: { ...data.terms, otherTerms: hostile.join('\n') } },
      copiesFor('https://verify.example.cn/api/verify'),
    );
    const text = await pdfText(pdf);
    for (const line of hostile) expect(text).toContain(line);
    await new Promise((resolve) => setTimeout(resolve, 300)); // a late request would have arrived by now
    expect(hits).toEqual([]);
  });

  it('aborts requests even if markup were to slip through unescaped, and runs no script', async () => {
    const base = `http://127.0.0.1:${port}`;
    const raw = `<!doctype html><html><head><link rel=stylesheet href="${base}/raw.css"></head><body>
      <p>static text</p><img src="${base}/raw.png"><iframe src="${base}/frame"></iframe>
      <script>document.body.innerHTML = 'SCRIPT RAN'; fetch('${base}/fetch');</script></body></html>`;
    // A pool of its own: a page that printed a template keeps that document's CSP (setContent
    // rewrites the same about:blank document), and this test is about the pool's own fences.
    const bare = new BrowserPool();
    try {
      const text = await pdfText(await bare.render(raw));
      expect(text).toContain('static text');
      expect(text).not.toContain('SCRIPT RAN');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(hits).toEqual([]);
      // The page is also offline, so an empty `hits` alone would not show interception works: the
      // counter counts only requests Chromium reports as aborted by it (stylesheet, image, frame).
      expect(bare.counters.blockedRequests).toBeGreaterThanOrEqual(3);
    } finally {
      await bare.close();
    }
  });

  it('prints rare characters as real text', async () => {
    const data = sampleAgreement();
    const pdf = await renderer.render(
      {
        ...data,
        graduate: { ...data.graduate, name: '𠮷䶮' },
        employer: { ...data.employer, contactName: '喆堃' },
      },
      copiesFor('https://verify.example.cn/api/verify'),
    );
    const text = await pdfText(pdf);
    for (const word of ['𠮷䶮', '喆堃']) expect(text.split(word).length - 1).toBe(3);
  });

  it('reports characters the CJK font does not have', async () => {
    const reported: string[] = [];
    const watching = new AgreementRenderer({
      pool,
      onMissingCharacters: (chars) => reported.push(...chars),
    });
    const data = sampleAgreement();
    await watching.render(
      { ...data, position: { title: '工程师😀' } },
      copiesFor('https://verify.example.cn/api/verify'),
    );
    expect(reported).toEqual(['😀']);
  });

  it('puts the three copies on three pages, each with its own label and a QR code that decodes', async () => {
    const { privateKey, publicKey } = generateKeyPair();
    const agreementId = randomUUID();
    const contentHash = createHash('sha256').update('content').digest('hex');
    const copies = PRINT_COPIES.map((copy) => ({
      copy,
      verifyUrl: `https://jiuye.example.edu.cn/api/verify/${signVerificationToken(
        {
          agreementNo: 'AH2026-10357-000123',
          copy,
          renderVersion: 1,
          contentHash,
          agreementId,
          issuedAt: 1_773_300_000,
        },
        privateKey,
        'k2026',
      )}`,
    }));
    const pdf = await renderer.render(sampleAgreement(), copies);

    expect(await pageCount(pdf)).toBe(3);
    for (const [i, copy] of PRINT_COPIES.entries()) {
      const text = await pdfText(pdf, i + 1);
      expect(text).toContain(PRINT_COPY_LABELS[copy]);
      for (const other of PRINT_COPIES.filter((c) => c !== copy))
        expect(text).not.toContain(PRINT_COPY_LABELS[other]);
      expect(text).toContain('高校毕业生就业协议书');
    }

    const file = join(dir, 'qr.pdf');
    await writeFile(file, pdf);
    await execFile('pdftoppm', ['-r', '150', '-png', file, join(dir, 'qr')]);
    const pngs = (await readdir(dir))
      .filter((f) => f.startsWith('qr-') && f.endsWith('.png'))
      .sort();
    expect(pngs).toHaveLength(3);
    const decoded: string[] = [];
    for (const png of pngs) {
      const { stdout } = await execFile('zbarimg', [
        '--quiet',
        '--raw',
        '-Sdisable',
        '-Sqrcode.enable',
        join(dir, png),
      ]);
      decoded.push(stdout.trim());
    }
    expect(decoded).toEqual(copies.map((c) => c.verifyUrl));
    const keys = new Map([['k2026', publicKey]]);
    const verified = decoded.map((url) => verifyVerificationToken(url.split('/').pop()!, keys));
    expect(verified.map((v) => v?.copy)).toEqual([...PRINT_COPIES]);
    expect(verified.every((v) => v?.agreementId === agreementId)).toBe(true);
  });

  it('embeds the CJK text as subset TrueType fonts, not Type 3 outlines (what keeps it fast)', async () => {
    const file = join(dir, 'fonts.pdf');
    await writeFile(
      file,
      await renderer.render(sampleAgreement(), copiesFor('https://verify.example.cn/api/verify')),
    );
    const fonts = (await execFile('pdffonts', [file])).stdout.split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
  });

  it('keeps each copy together when long free text runs onto a second page', async () => {
    const data = sampleAgreement();
    const otherTerms = Array.from(
      { length: 60 },
      (_, i) => `第${i + 1}条 双方约定的其他事项，以本条文字为准。`,
    ).join('\n');
    const pdf = await renderer.render(
      { ...data, terms: { ...data.terms, otherTerms } },
      copiesFor('https://verify.example.cn/api/verify'),
    );
    expect(await pageCount(pdf)).toBe(6);
    for (const [i, copy] of PRINT_COPIES.entries()) {
      expect(await pdfText(pdf, 2 * i + 1)).toContain(PRINT_COPY_LABELS[copy]);
      const continuation = await pdfText(pdf, 2 * i + 2);
      expect(continuation).toContain('第60条');
      // The continuation page names its copy too (in the bottom margin), and no other copy.
      expect(continuation).toContain(PRINT_COPY_LABELS[copy]);
      for (const other of PRINT_COPIES.filter((c) => c !== copy))
        expect(continuation).not.toContain(PRINT_COPY_LABELS[other]);
    }
  });

  it('renders the same copies the straightforward way (three browser pages)', async () => {
    const plain = new AgreementRenderer({ pool, strategy: 'browser-copies' });
    const pdf = await plain.render(
      sampleAgreement(),
      copiesFor('https://verify.example.cn/api/verify'),
    );
    expect(await pageCount(pdf)).toBe(3);
    expect(await pdfText(pdf, 2)).toContain(PRINT_COPY_LABELS.GRADUATE);
  });
});
