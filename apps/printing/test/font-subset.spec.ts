import { describe, expect, it } from '@jest/globals';
import fontkit from '@pdf-lib/fontkit';
import { CjkFontSubsetter } from '../src/worker/font-subset.js';

/** Reads the written font back with an independent parser: cmap, outlines and metrics must survive. */
describe('CJK font subsetter (Noto Sans CJK SC from fonts-noto-cjk)', () => {
  const subsetter = new CjkFontSubsetter();

  it('covers rare characters (Ext A, Ext B) with real outlines and reports what it lacks', () => {
    const { ttf, missing, glyphCount } = subsetter.subset('𠮷䶮喆堃 张A1😀');
    expect(missing).toEqual(['😀']);
    expect(glyphCount).toBe(1 + 8); // .notdef + 𠮷 䶮 喆 堃 space 张 A 1

    const font = fontkit.create(ttf) as unknown as {
      numGlyphs: number;
      glyphForCodePoint(cp: number): {
        id: number;
        advanceWidth: number;
        path: { commands: unknown[] };
      };
    };
    expect(font.numGlyphs).toBe(glyphCount);
    for (const ch of '𠮷䶮喆堃张A1') {
      const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
      expect(glyph.id).toBeGreaterThan(0);
      expect(glyph.path.commands.length).toBeGreaterThan(4);
      expect(glyph.advanceWidth).toBeGreaterThan(0);
    }
    expect(font.glyphForCodePoint(' '.codePointAt(0)!).path.commands).toHaveLength(0);
  });

  it('builds the next document from cached glyphs quickly', () => {
    const text = '毕业生就业协议书甲方乙方丙方经平等协商订立本协议共同遵守'.repeat(3);
    subsetter.subset(text);
    const started = performance.now();
    subsetter.subset(`${text}。`);
    expect(performance.now() - started).toBeLessThan(200);
  });
});
