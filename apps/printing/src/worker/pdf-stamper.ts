import { PDFArray, PDFDocument, PDFName, PDFRawStream, PDFRef, type PDFPage } from 'pdf-lib';
import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { PRINT_COPIES, type CopyToPrint } from './agreement-print-data.js';
import { LABEL_SLOT_MM, PAGE_MM, QR_SLOT_MM } from './agreement-template.js';

/**
 * Turns the browser's output of buildStampableAgreementHtml — the body pages once, then one page
 * per copy label — into the final document: for each copy, the body pages again, with that copy's
 * label and QR code on its first page, and its label again in the bottom margin of any page after.
 *
 * Each source page's content stream becomes a form XObject as it is (still compressed: nothing is
 * inflated or re-deflated), so the three copies share one body stream and one embedded font — the
 * file is barely larger than a single copy — and each label stays real text on its own copy only
 * (its XObject holds nothing but that label). QR codes are drawn as vector squares: sharp at any
 * print resolution, no image to decode or embed.
 */
const PT_PER_MM = 72 / 25.4;
/** Quiet zone around the QR, in modules (the slot's surroundings are blank paper too). */
const QR_QUIET_MODULES = 2;

type Box = [left: number, bottom: number, right: number, top: number];

export async function stampCopies(
  bodyAndLabels: Uint8Array,
  copies: readonly CopyToPrint[],
): Promise<Buffer> {
  const doc = await PDFDocument.load(bodyAndLabels, { updateMetadata: false });
  const pages = doc.getPages();
  const bodyCount = pages.length - PRINT_COPIES.length;
  if (bodyCount < 1)
    throw new Error(
      `expected body and ${PRINT_COPIES.length} label pages, got ${pages.length} pages`,
    );
  const { width, height } = pages[0]!.getSize();

  const bodies = pages.slice(0, bodyCount).map((p) => toFormXObject(doc, p, [0, 0, width, height]));
  const labels = pages.slice(bodyCount).map((p) => toFormXObject(doc, p, labelBox(height)));
  for (let i = 0; i < pages.length; i++) doc.removePage(0);
  for (const p of pages) doc.context.delete(p.ref);

  for (const { copy, verifyUrl } of copies) {
    bodies.forEach((body, i) => {
      const page = doc.addPage([width, height]);
      // Content written by hand: pdf-lib's operator objects (number formatting, pako) topped the profile.
      let content = `q ${page.node.newXObject('Body', body).asString()} Do Q\n`;
      const label = page.node.newXObject('Label', labels[PRINT_COPIES.indexOf(copy)]!).asString();
      if (i === 0) {
        content += `q ${label} Do Q\n${qrContent(verifyUrl, height)}`;
      } else {
        // A page that continues a copy says which copy it belongs to too: the same label, moved
        // into the blank bottom margin (a page cannot be passed off as part of another copy).
        content += `q ${continuationTransform(height)} cm ${label} Do Q\n`;
      }
      page.node.addContentStream(
        doc.context.register(doc.context.stream(deflateSync(content), { Filter: 'FlateDecode' })),
      );
    });
  }
  // Object streams would only shave a few kB off a ~70 kB file and cost time to build.
  return Buffer.from(await doc.save({ useObjectStreams: false, updateFieldAppearances: false }));
}

/** Reuses the page's (single, as Chromium writes it) content stream as a form XObject. */
function toFormXObject(doc: PDFDocument, page: PDFPage, bbox: Box): PDFRef {
  const contents = page.node.get(PDFName.of('Contents'));
  const ref = contents instanceof PDFArray && contents.size() === 1 ? contents.get(0) : contents;
  const stream = ref instanceof PDFRef ? doc.context.lookup(ref) : undefined;
  if (!(ref instanceof PDFRef) || !(stream instanceof PDFRawStream)) {
    throw new Error('unexpected PDF from the browser: a page without exactly one content stream');
  }
  stream.dict.set(PDFName.of('Type'), PDFName.of('XObject'));
  stream.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
  stream.dict.set(PDFName.of('BBox'), doc.context.obj(bbox));
  stream.dict.set(PDFName.of('Resources'), page.node.normalizedEntries().Resources);
  return ref;
}

function labelBox(pageHeight: number): Box {
  const s = LABEL_SLOT_MM;
  const bleed = 1; // keep the whole border stroke
  const left = (PAGE_MM.width - s.right - s.width) * PT_PER_MM - bleed;
  const top = pageHeight - s.top * PT_PER_MM + bleed;
  return [
    left,
    top - s.height * PT_PER_MM - 2 * bleed,
    left + s.width * PT_PER_MM + 2 * bleed,
    top,
  ];
}

/**
 * Where the label goes on a continuation page: scaled to 60% and moved into the bottom margin,
 * right edge on the text's right edge, clear of the ~4 mm a printer cannot reach at the paper's
 * edge.
 */
function continuationTransform(pageHeight: number): string {
  const scale = 0.6;
  const [, , right, top] = labelBox(pageHeight);
  const targetTop = (PAGE_MM.marginBottom - 0.5) * PT_PER_MM;
  const tx = right * (1 - scale);
  const ty = targetTop - scale * top;
  return `${scale} 0 0 ${scale} ${tx.toFixed(3)} ${ty.toFixed(3)}`;
}

/** The QR as filled squares, in module units (integers keep the stream short) scaled by `cm`. */
function qrContent(text: string, pageHeight: number): string {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = (QR_SLOT_MM.size * PT_PER_MM) / (n + 2 * QR_QUIET_MODULES);
  const x0 =
    (PAGE_MM.width - QR_SLOT_MM.right - QR_SLOT_MM.size) * PT_PER_MM + QR_QUIET_MODULES * cell;
  const yTop = pageHeight - QR_SLOT_MM.top * PT_PER_MM - QR_QUIET_MODULES * cell;
  // y axis flipped so that row r spans r..r+1 downwards from the top edge.
  const parts = [
    `q 0 g ${cell.toFixed(4)} 0 0 ${(-cell).toFixed(4)} ${x0.toFixed(3)} ${yTop.toFixed(3)} cm`,
  ];
  for (let row = 0; row < n; row++) {
    // One rectangle per horizontal run of dark modules.
    for (let col = 0; col < n;) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      parts.push(`${start} ${row} ${col - start} 1 re`);
    }
  }
  parts.push('f Q\n');
  return parts.join('\n');
}
