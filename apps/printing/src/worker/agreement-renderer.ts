import QRCode from 'qrcode';
import { type AgreementPrintData, type CopyToPrint } from './agreement-print-data.js';
import {
  buildAgreementHtml,
  buildStampableAgreementHtml,
  SYSTEM_CJK_FONT,
  type TemplateFont,
} from './agreement-template.js';
import { type PdfRenderer } from './browser-pool.js';
import { DocumentFonts, NOTO_SANS_CJK_SC, type CjkFontSources } from './document-fonts.js';
import { stampCopies } from './pdf-stamper.js';

/**
 * The print engine: one PDF holding the three copies of an agreement.
 *
 * Chosen by measurement (bench/print-render.ts, which also runs the alternatives):
 *  - the browser renders the body once with a per-document TrueType subset of Noto Sans CJK
 *    (document-fonts.ts) — Chromium prints the system's CFF Noto as Type 3 outlines, which is
 *    what made CJK documents slow and big;
 *  - pdf-lib then lays out the three copies from that one body and stamps each copy's label and
 *    vector QR code (pdf-stamper.ts), instead of the browser laying out and printing three pages
 *    with three QR images.
 * `strategy: 'browser-copies'` keeps the straightforward path (three full pages from the browser)
 * for comparison and as a fallback; without the Noto files the system fonts are used (slower).
 */
export type RenderStrategy = 'stamped' | 'browser-copies';

export interface AgreementRendererOptions {
  pool: PdfRenderer;
  strategy?: RenderStrategy;
  /** Per-document subset fonts; false forces system fonts. Default: on when the files exist. */
  subsetFonts?: boolean;
  /** The CJK font files the subsets are cut from (default: Debian's Noto Sans CJK SC). */
  fonts?: CjkFontSources;
  /** Told about characters the CJK font lacks (likely printed as boxes): worth a log line. */
  onMissingCharacters?: (characters: string[], agreementNo: string) => void;
}

export class AgreementRenderer {
  private readonly strategy: RenderStrategy;
  private readonly fonts: DocumentFonts | null;

  constructor(private readonly options: AgreementRendererOptions) {
    this.strategy = options.strategy ?? 'stamped';
    const sources = options.fonts ?? NOTO_SANS_CJK_SC;
    this.fonts =
      (options.subsetFonts ?? DocumentFonts.available(sources)) ? new DocumentFonts(sources) : null;
  }

  async render(data: AgreementPrintData, copies: readonly CopyToPrint[]): Promise<Buffer> {
    if (copies.length === 0) throw new Error('nothing to print: no copies requested');
    if (this.strategy === 'stamped') {
      const html = buildStampableAgreementHtml(
        data,
        this.font(data, (f) => buildStampableAgreementHtml(data, f)),
      );
      return stampCopies(await this.options.pool.render(html), copies);
    }
    const slots = await Promise.all(
      copies.map(async ({ copy, verifyUrl }) => ({
        copy,
        qrDataUrl: await qrPngDataUrl(verifyUrl),
      })),
    );
    const noQr = slots.map((s) => ({ ...s, qrDataUrl: null }));
    return this.options.pool.render(
      buildAgreementHtml(
        data,
        slots,
        this.font(data, (f) => buildAgreementHtml(data, noQr, f)),
      ),
    );
  }

  /** Converts the template's own text ahead of the first job (the font parse takes ~0.5 s). */
  warmUp(sample: AgreementPrintData): void {
    this.fonts?.warmUp(buildStampableAgreementHtml(sample));
  }

  /** The subset font for what `build` prints (built without the font to see its characters). */
  private font(data: AgreementPrintData, build: (font: TemplateFont) => string): TemplateFont {
    if (!this.fonts) return SYSTEM_CJK_FONT;
    const { font, missing } = this.fonts.forText(
      build({ faceCss: '', family: DocumentFonts.family }),
    );
    if (missing.length) this.options.onMissingCharacters?.(missing, data.agreementNo);
    return font;
  }
}

export function qrPngDataUrl(verifyUrl: string): Promise<string> {
  return QRCode.toDataURL(verifyUrl, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });
}
