// Compares the hand-written TrueType subsetter (apps/printing/src/worker/document-fonts.ts) with
// HarfBuzz's hb-subset (the `subset-font` package) for an agreement page printed by Chromium: time
// per page, Node CPU, PDF size, the font type Chromium embeds, and whether rare characters
// (𠮷 䶮 喆 堃) extract as text. The measurement behind docs/decisions/0006-font-subsetting.md.
//
//   npm run build && npm i --no-save subset-font@2.9.0 && node tools/font-bench/compare-subsetters.mjs [pages]
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const subsetFont = require('subset-font');
const puppeteer = (await import('puppeteer-core')).default;
const D = new URL('../../dist/apps/printing', import.meta.url).href;
const { buildStampableAgreementHtml, SYSTEM_CJK_FONT } = await import(
  `${D}/src/worker/agreement-template.js`
);
const { DocumentFonts } = await import(`${D}/src/worker/document-fonts.js`);
const { CHROMIUM_ARGS } = await import(`${D}/src/worker/browser-pool.js`);
const { sampleAgreement } = await import(`${D}/test/agreement-fixture.js`);

const N = Number(process.argv[2] ?? 15);
const data = (i) =>
  sampleAgreement({
    agreementNo: `BENCH-${i}`,
    graduate: { ...sampleAgreement().graduate, name: ['王𠮷', '龚䶮', '李喆', '陈堃'][i % 4] },
  });
const family = DocumentFonts.family;
const ours = new DocumentFonts();
const fkMod = require('@pdf-lib/fontkit');
const fontkit = fkMod.default ?? fkMod;
const { writeSfnt } = await import(`${D}/src/worker/sfnt-writer.js`);
/** The SC face of the collection as a standalone OpenType (CFF) font: what a deployment would ship. */
function scFace(path, name) {
  const file = readFileSync(path);
  const f = fontkit.create(file, name);
  const tables = {};
  for (const [tag, rec] of Object.entries(f.directory.tables))
    tables[tag] = file.subarray(rec.offset, rec.offset + rec.length);
  return writeSfnt(tables, 'cff');
}
const regularTtc = scFace(
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  'NotoSansCJKsc-Regular',
);
const boldTtc = scFace('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', 'NotoSansCJKsc-Bold');
console.log(
  `SC faces extracted: ${(regularTtc.length / 1e6).toFixed(1)} MB + ${(boldTtc.length / 1e6).toFixed(1)} MB`,
);

// hb-subset takes face 0 of the collection (Noto Sans CJK JP): glyph shapes differ from SC for a
// few characters, which does not change what is measured here.
async function hbFaceCss(text) {
  const face = async (weight, src) => {
    const otf = await subsetFont(src, text, { targetFormat: 'sfnt' });
    return {
      css: `@font-face{font-family:"AgreementCJK";font-weight:${weight};src:url(data:font/otf;base64,${otf.toString('base64')}) format("opentype")}`,
      bytes: otf.length,
    };
  };
  const r = await face(400, regularTtc),
    b = await face(700, boldTtc);
  return { faceCss: r.css + b.css, family, fontBytes: r.bytes + b.bytes };
}
const variants = {
  'hand-written TrueType subset (ours)': async (d) => {
    const text = buildStampableAgreementHtml(d, { faceCss: '', family });
    const { font } = ours.forText(text);
    return font;
  },
  'hb-subset via subset-font (CFF)': async (d) =>
    hbFaceCss(buildStampableAgreementHtml(d, { faceCss: '', family })),
  'system fonts (no subset)': async () => SYSTEM_CJK_FONT,
};
const browser = await puppeteer.launch({
  executablePath: '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage();
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
for (const [name, fontOf] of Object.entries(variants)) {
  // warm-up (font parse, caches)
  for (let i = 0; i < 3; i++) {
    const f = await fontOf(data(i));
    await page.setContent(buildStampableAgreementHtml(data(i), f));
    await page.pdf({ format: 'A4', printBackground: true });
  }
  const times = [];
  let bytes = 0;
  let last;
  let prepMs = 0;
  const c0 = cpu();
  for (let i = 0; i < N; i++) {
    const t0 = performance.now();
    const f = await fontOf(data(i));
    const t1 = performance.now();
    await page.setContent(buildStampableAgreementHtml(data(i), f));
    last = await page.pdf({ format: 'A4', printBackground: true });
    times.push(performance.now() - t0);
    prepMs += t1 - t0;
    bytes += last.length;
  }
  const nodeCpu = cpu() - c0;
  times.sort((a, b) => a - b);
  const file = join(tmpdir(), `font-bench-${name.split(' ')[0]}.pdf`);
  const all = sampleAgreement({
    agreementNo: 'RARE',
    graduate: { ...sampleAgreement().graduate, name: '王𠮷龚䶮李喆陈堃' },
  });
  await page.setContent(buildStampableAgreementHtml(all, await fontOf(all)));
  writeFileSync(file, await page.pdf({ format: 'A4', printBackground: true }));
  const fonts = execFileSync('pdffonts', [file])
    .toString()
    .split('\n')
    .slice(2)
    .filter(Boolean)
    .map((l) => l.split(/\s+/).slice(1, 3).join(' '));
  const text = execFileSync('pdftotext', [file, '-']).toString();
  const rare = ['𠮷', '䶮', '喆', '堃'].filter((c) => text.includes(c));
  console.log(
    `${name}: p50 ${times[Math.floor(N / 2)].toFixed(0)} ms, p95 ${times[Math.floor(N * 0.95)].toFixed(0)} ms per page (font prep ${(prepMs / N).toFixed(1)} ms), node CPU ${(nodeCpu / N).toFixed(0)} ms, PDF ${(bytes / N / 1024).toFixed(0)} KiB; fonts: ${[...new Set(fonts)].join(', ')}; rare characters extracted: ${rare.join('') || 'none'} of 𠮷䶮喆堃`,
  );
}
await browser.close();
