import { existsSync } from 'node:fs';
import { SYSTEM_CJK_FONT, type TemplateFont } from './agreement-template.js';
import { CjkFontSubsetter, DEFAULT_CJK_FONT } from './font-subset.js';

export interface CjkFontSources {
  regular: { path: string; postscriptName: string };
  bold: { path: string; postscriptName: string };
}

/** Noto Sans CJK SC in two weights, as Debian's fonts-noto-cjk installs it. */
export const NOTO_SANS_CJK_SC: CjkFontSources = {
  regular: DEFAULT_CJK_FONT,
  bold: {
    path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    postscriptName: 'NotoSansCJKsc-Bold',
  },
};

const FAMILY = 'AgreementCJK';

/**
 * Builds, per document, the @font-face rules for the subset fonts (both weights: a bold the
 * browser has to synthesise is printed as Type 3 glyph outlines again, which costs what the subset
 * saved). The system fonts stay in the stack behind them, so a character the subset lacks still
 * prints from whatever system font has it.
 */
export class DocumentFonts {
  private readonly regular: CjkFontSubsetter;
  private readonly bold: CjkFontSubsetter;

  constructor(source = NOTO_SANS_CJK_SC) {
    this.regular = new CjkFontSubsetter(source.regular);
    this.bold = new CjkFontSubsetter(source.bold);
  }

  /** Whether the font files exist; without them the renderer uses system fonts (slower). */
  static available(source = NOTO_SANS_CJK_SC): boolean {
    return existsSync(source.regular.path) && existsSync(source.bold.path);
  }

  /** The font-family list templates use when measuring which characters a document needs. */
  static readonly family = `"${FAMILY}", ${SYSTEM_CJK_FONT.family}`;

  /** The fonts for `text`, and the characters Noto Sans CJK SC lacks (they will print as boxes
   *  unless some other installed font has them). */
  forText(text: string): { font: TemplateFont; missing: string[] } {
    const face = (weight: number, ttf: Buffer) =>
      `@font-face{font-family:"${FAMILY}";font-weight:${weight};src:url(data:font/ttf;base64,${ttf.toString('base64')}) format("truetype")}`;
    const regular = this.regular.subset(text);
    return {
      font: {
        faceCss: face(400, regular.ttf) + face(700, this.bold.subset(text).ttf),
        family: DocumentFonts.family,
      },
      missing: regular.missing,
    };
  }

  warmUp(text: string): void {
    this.regular.warmUp(text);
    this.bold.warmUp(text);
  }
}
