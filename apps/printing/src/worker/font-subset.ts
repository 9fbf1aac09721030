import { readFileSync } from 'node:fs';
import fontkit from '@pdf-lib/fontkit';
import {
  buildCmap,
  encodeTrueTypeGlyph,
  writeSfnt,
  type PathCommand,
  type TrueTypeGlyph,
} from './sfnt-writer.js';

/**
 * Per-document TrueType subsets of Noto Sans CJK SC, made in-process with @pdf-lib/fontkit (a
 * dependency already; no native tools, nothing `npm ci` + Debian packages would not provide).
 *
 * Why TrueType and not a plain CFF subset: Chromium embeds OpenType-CFF fonts in a PDF as Type 3
 * glyph programs, which is what makes Noto Sans CJK slow (and the PDFs large) — measured even when
 * the page uses only a few hundred glyphs of it. A TrueType font is embedded as a real subset font
 * (CIDFontType2) and prints about as fast as a Latin font. So the glyphs a document uses are
 * converted (cubic → quadratic within 1/1000 em, invisible in print) and cached: after a short
 * warm-up a document's font is assembled from the cache in about a millisecond.
 *
 * Characters the source font lacks are reported, not dropped: the template's font stack falls
 * back to the system fonts for them. Extension A/B characters (䶮, 𠮷) are in the SC font and
 * are mapped through the format-12 cmap.
 */
export const DEFAULT_CJK_FONT = {
  path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  postscriptName: 'NotoSansCJKsc-Regular',
};

export interface FontSubset {
  /** A complete TrueType font. */
  ttf: Buffer;
  /** Characters the source font lacks. */
  missing: string[];
  glyphCount: number;
}

interface TableRecord {
  offset: number;
  length: number;
}
/** The parts of fontkit's font object used here beyond its published typings. */
interface FontkitFont {
  directory: { tables: Record<string, TableRecord> };
  glyphForCodePoint(cp: number): { id: number };
  getGlyph(gid: number): { path: { commands: PathCommand[] } };
  /** fontkit's own glyph cache, which would otherwise keep every parsed outline. */
  _glyphs: Record<number, unknown>;
}

interface CachedGlyph {
  glyph: TrueTypeGlyph;
  advance: number;
}

/** Converted glyphs kept per process; common hanzi number a few thousand, so this rarely fills. */
const MAX_CACHED_GLYPHS = 20_000;

export class CjkFontSubsetter {
  private loaded: { file: Buffer; font: FontkitFont; hMetrics: number } | null = null;
  private readonly cache = new Map<number, CachedGlyph>();
  private readonly gidOf = new Map<number, number>();

  constructor(private readonly source = DEFAULT_CJK_FONT) {}

  /** Reads and indexes the collection once per process (~100 ms; the file stays in memory). */
  private load() {
    if (!this.loaded) {
      const file = readFileSync(this.source.path);
      const font = fontkit.create(
        file,
        this.source.postscriptName,
      ) as unknown as FontkitFont | null;
      if (!font?.directory?.tables['CFF ']) {
        throw new Error(
          `${this.source.postscriptName} in ${this.source.path} is missing or not a CFF font`,
        );
      }
      this.loaded = { file, font, hMetrics: this.table(file, font, 'hhea').readUInt16BE(34) };
    }
    return this.loaded;
  }

  private table(file: Buffer, font: FontkitFont, tag: string): Buffer {
    const rec = font.directory.tables[tag];
    if (!rec) throw new Error(`font has no ${tag} table`);
    return file.subarray(rec.offset, rec.offset + rec.length);
  }

  private glyph(gid: number): CachedGlyph {
    let hit = this.cache.get(gid);
    if (!hit) {
      const { file, font, hMetrics } = this.load();
      const hmtx = this.table(file, font, 'hmtx');
      const advance = hmtx.readUInt16BE(Math.min(gid, hMetrics - 1) * 4);
      hit = { glyph: encodeTrueTypeGlyph(font.getGlyph(gid).path.commands), advance };
      delete font._glyphs[gid];
      if (this.cache.size >= MAX_CACHED_GLYPHS) this.cache.clear();
      this.cache.set(gid, hit);
    }
    return hit;
  }

  /** Parses the font and converts the glyphs of `text` ahead of the first job. */
  warmUp(text: string): void {
    this.subset(text);
  }

  /** A font covering every character of `text` that the source font has. */
  subset(text: string): FontSubset {
    const { file, font } = this.load();
    const gids = [0];
    const newIdOf = new Map<number, number>([[0, 0]]);
    const cmap = new Map<number, number>();
    const missing: string[] = [];
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0)!;
      if (cp < 0x20) continue;
      let gid = this.gidOf.get(cp);
      if (gid === undefined) {
        gid = font.glyphForCodePoint(cp).id;
        delete font._glyphs[gid];
        this.gidOf.set(cp, gid);
      }
      if (gid === 0) {
        missing.push(ch);
        continue;
      }
      let id = newIdOf.get(gid);
      if (id === undefined) newIdOf.set(gid, (id = gids.push(gid) - 1));
      cmap.set(cp, id);
    }

    const glyphs = gids.map((gid) => this.glyph(gid));
    const loca = Buffer.alloc((glyphs.length + 1) * 4);
    const hmtx = Buffer.alloc(glyphs.length * 4);
    let offset = 0,
      maxPoints = 0,
      maxContours = 0;
    glyphs.forEach(({ glyph, advance }, i) => {
      loca.writeUInt32BE(offset, i * 4);
      offset += glyph.data.length;
      hmtx.writeUInt16BE(advance, i * 4);
      hmtx.writeInt16BE(glyph.xMin, i * 4 + 2);
      maxPoints = Math.max(maxPoints, glyph.points);
      maxContours = Math.max(maxContours, glyph.contours);
    });
    loca.writeUInt32BE(offset, glyphs.length * 4);

    const head = Buffer.from(this.table(file, font, 'head'));
    head.writeInt16BE(1, 50); // indexToLocFormat: 32-bit loca
    head.writeInt16BE(0, 52);
    const hhea = Buffer.from(this.table(file, font, 'hhea'));
    hhea.writeUInt16BE(glyphs.length, 34);
    const maxp = Buffer.alloc(32);
    maxp.writeUInt32BE(0x00010000, 0);
    maxp.writeUInt16BE(glyphs.length, 4);
    maxp.writeUInt16BE(maxPoints, 6);
    maxp.writeUInt16BE(maxContours, 8);
    maxp.writeUInt16BE(1, 14); // maxZones: no twilight zone, there are no instructions
    const post = Buffer.from(this.table(file, font, 'post').subarray(0, 32));
    post.writeUInt32BE(0x00030000, 0); // version 3: no glyph names

    const ttf = writeSfnt(
      {
        'OS/2': this.table(file, font, 'OS/2'),
        cmap: buildCmap(cmap),
        glyf: Buffer.concat(glyphs.map((g) => g.glyph.data)),
        head,
        hhea,
        hmtx,
        loca,
        maxp,
        name: this.table(file, font, 'name'),
        post,
      },
      'truetype',
    );
    return { ttf, missing, glyphCount: glyphs.length };
  }
}
