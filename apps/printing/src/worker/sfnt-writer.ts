/**
 * The few pieces of OpenType writing that font-subset.ts needs: TrueType glyph records from
 * outline commands (cubic curves approximated by quadratics), a cmap, and the sfnt container.
 */

export interface PathCommand {
  command: 'moveTo' | 'lineTo' | 'quadraticCurveTo' | 'bezierCurveTo' | 'closePath';
  args: number[];
}

export interface TrueTypeGlyph {
  /** The glyf record, padded to 4 bytes; empty for a blank glyph (space). */
  data: Buffer;
  points: number;
  contours: number;
  xMin: number;
}

interface Pt {
  x: number;
  y: number;
  on: boolean;
}

/** Maximum distance, in font units (1/1000 em), between a cubic and its quadratic stand-in. */
const TOLERANCE = 1;

/** Cubic → quadratics (fontTools cu2qu's idea, without its optimisations): split into n equal
 *  parts, n chosen from the error bound of a single-quadratic fit, err ≈ |p3-3c2+3c1-p0|·√3/36. */
function cubicToQuads(p0: Pt, c1: Pt, c2: Pt, p3: Pt, out: Pt[]): void {
  const dx = p3.x - 3 * c2.x + 3 * c1.x - p0.x;
  const dy = p3.y - 3 * c2.y + 3 * c1.y - p0.y;
  const err = (Math.hypot(dx, dy) * Math.sqrt(3)) / 36;
  const n = Math.min(8, Math.max(1, Math.ceil(Math.cbrt(err / TOLERANCE))));
  const at = (t: number): Pt => {
    const u = 1 - t;
    const a = u * u * u,
      b = 3 * u * u * t,
      c = 3 * u * t * t,
      d = t * t * t;
    return {
      x: a * p0.x + b * c1.x + c * c2.x + d * p3.x,
      y: a * p0.y + b * c1.y + c * c2.y + d * p3.y,
      on: true,
    };
  };
  const deriv = (t: number): Pt => {
    const u = 1 - t;
    return {
      x: 3 * (u * u * (c1.x - p0.x) + 2 * u * t * (c2.x - c1.x) + t * t * (p3.x - c2.x)),
      y: 3 * (u * u * (c1.y - p0.y) + 2 * u * t * (c2.y - c1.y) + t * t * (p3.y - c2.y)),
      on: false,
    };
  };
  for (let i = 0; i < n; i++) {
    const t0 = i / n,
      t1 = (i + 1) / n,
      h = (t1 - t0) / 2;
    // Control point where the end tangents of the piece would meet, averaged for robustness.
    const a = at(t0),
      b = at(t1),
      da = deriv(t0),
      db = deriv(t1);
    out.push({
      x: (a.x + da.x * h + b.x - db.x * h) / 2,
      y: (a.y + da.y * h + b.y - db.y * h) / 2,
      on: false,
    });
    out.push(b);
  }
}

/** A simple TrueType glyph; contours reversed because CFF winds outer contours the other way. */
export function encodeTrueTypeGlyph(commands: PathCommand[]): TrueTypeGlyph {
  const contours: Pt[][] = [];
  let cur: Pt[] = [];
  let last: Pt = { x: 0, y: 0, on: true };
  for (const { command, args: a } of commands) {
    if (command === 'moveTo') {
      if (cur.length) contours.push(cur);
      cur = [(last = { x: a[0]!, y: a[1]!, on: true })];
    } else if (command === 'lineTo') {
      cur.push((last = { x: a[0]!, y: a[1]!, on: true }));
    } else if (command === 'quadraticCurveTo') {
      cur.push({ x: a[0]!, y: a[1]!, on: false }, (last = { x: a[2]!, y: a[3]!, on: true }));
    } else if (command === 'bezierCurveTo') {
      const end = { x: a[4]!, y: a[5]!, on: true };
      cubicToQuads(
        last,
        { x: a[0]!, y: a[1]!, on: false },
        { x: a[2]!, y: a[3]!, on: false },
        end,
        cur,
      );
      last = end;
    } else if (cur.length) {
      contours.push(cur);
      cur = [];
    }
  }
  if (cur.length) contours.push(cur);

  const pts: Pt[] = [];
  const ends: number[] = [];
  for (const c of contours) {
    const ring = c.map((p) => ({ x: Math.round(p.x), y: Math.round(p.y), on: p.on }));
    const f = ring[0]!,
      l = ring[ring.length - 1]!;
    if (ring.length > 1 && l.on && l.x === f.x && l.y === f.y) ring.pop(); // closing point repeats the start
    if (ring.length < 2) continue;
    ring.reverse();
    pts.push(...ring);
    ends.push(pts.length - 1);
  }
  if (!pts.length) return { data: Buffer.alloc(0), points: 0, contours: 0, xMin: 0 };

  let xMin = Infinity,
    yMin = Infinity,
    xMax = -Infinity,
    yMax = -Infinity;
  for (const p of pts) {
    xMin = Math.min(xMin, p.x);
    xMax = Math.max(xMax, p.x);
    yMin = Math.min(yMin, p.y);
    yMax = Math.max(yMax, p.y);
  }
  const flags: number[] = [],
    xs: number[] = [],
    ys: number[] = [];
  let px = 0,
    py = 0;
  for (const p of pts) {
    let flag = p.on ? 1 : 0;
    flag |= coordinate(p.x - px, 0x02, 0x10, xs);
    flag |= coordinate(p.y - py, 0x04, 0x20, ys);
    flags.push(flag);
    px = p.x;
    py = p.y;
  }
  const head = Buffer.alloc(10 + ends.length * 2 + 2);
  head.writeInt16BE(ends.length, 0);
  head.writeInt16BE(xMin, 2);
  head.writeInt16BE(yMin, 4);
  head.writeInt16BE(xMax, 6);
  head.writeInt16BE(yMax, 8);
  ends.forEach((e, i) => head.writeUInt16BE(e, 10 + i * 2)); // instructionLength stays 0
  const body = Buffer.concat([head, Buffer.from(flags), Buffer.from(xs), Buffer.from(ys)]);
  return { data: pad4(body), points: pts.length, contours: ends.length, xMin };
}

/** Appends one delta in TrueType's packed form and returns its flag bits. */
function coordinate(
  delta: number,
  shortBit: number,
  sameOrPositive: number,
  out: number[],
): number {
  if (delta === 0) return sameOrPositive;
  if (delta > -256 && delta < 256) {
    out.push(Math.abs(delta));
    return shortBit | (delta > 0 ? sameOrPositive : 0);
  }
  out.push((delta >> 8) & 0xff, delta & 0xff);
  return 0;
}

export function pad4(b: Buffer): Buffer {
  return b.length % 4 ? Buffer.concat([b, Buffer.alloc(4 - (b.length % 4))]) : b;
}

/** Runs of consecutive code points mapped to consecutive glyph ids. */
function runs(
  entries: Array<[number, number]>,
): Array<{ start: number; end: number; gid: number }> {
  const out: Array<{ start: number; end: number; gid: number }> = [];
  for (const [cp, gid] of entries) {
    const last = out[out.length - 1];
    if (last && cp === last.end + 1 && gid === last.gid + (cp - last.start)) last.end = cp;
    else out.push({ start: cp, end: cp, gid });
  }
  return out;
}

/** cmap with (3,1) format 4 for the BMP and (3,10) format 12 for everything (Ext B needs it). */
export function buildCmap(map: Map<number, number>): Buffer {
  const entries = [...map].sort((a, b) => a[0] - b[0]);
  const bmp = runs(entries.filter(([cp]) => cp <= 0xfffe));
  bmp.push({ start: 0xffff, end: 0xffff, gid: 0x10000 }); // required terminator: idDelta 1 maps it to glyph 0
  const segX2 = bmp.length * 2;
  const searchRange = 2 * 2 ** Math.floor(Math.log2(bmp.length));
  const f4 = Buffer.alloc(16 + bmp.length * 8);
  f4.writeUInt16BE(4, 0);
  f4.writeUInt16BE(f4.length, 2);
  f4.writeUInt16BE(segX2, 6);
  f4.writeUInt16BE(searchRange, 8);
  f4.writeUInt16BE(Math.log2(searchRange / 2), 10);
  f4.writeUInt16BE(segX2 - searchRange, 12);
  bmp.forEach((r, i) => {
    f4.writeUInt16BE(r.end, 14 + i * 2);
    f4.writeUInt16BE(r.start, 16 + segX2 + i * 2);
    f4.writeUInt16BE((r.gid - r.start + 0x10000) & 0xffff, 16 + segX2 * 2 + i * 2); // idDelta; idRangeOffset 0
  });
  const all = runs(entries);
  const f12 = Buffer.alloc(16 + all.length * 12);
  f12.writeUInt16BE(12, 0);
  f12.writeUInt32BE(f12.length, 4);
  f12.writeUInt32BE(all.length, 12);
  all.forEach((r, i) => {
    f12.writeUInt32BE(r.start, 16 + i * 12);
    f12.writeUInt32BE(r.end, 20 + i * 12);
    f12.writeUInt32BE(r.gid, 24 + i * 12);
  });
  const header = Buffer.alloc(20);
  header.writeUInt16BE(2, 2);
  header.writeUInt16BE(3, 4);
  header.writeUInt16BE(1, 6);
  header.writeUInt32BE(header.length, 8);
  header.writeUInt16BE(3, 12);
  header.writeUInt16BE(10, 14);
  header.writeUInt32BE(header.length + f4.length, 16);
  return Buffer.concat([header, f4, f12]);
}

function checksum(data: Buffer): number {
  const padded = pad4(data);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** The sfnt container; fixes head.checkSumAdjustment. */
export function writeSfnt(tables: Record<string, Buffer>, flavor: 'truetype' | 'cff'): Buffer {
  const tags = Object.keys(tables).sort();
  const pow = 2 ** Math.floor(Math.log2(tags.length));
  const dir = Buffer.alloc(12 + tags.length * 16);
  dir.writeUInt32BE(flavor === 'truetype' ? 0x00010000 : 0x4f54544f, 0);
  dir.writeUInt16BE(tags.length, 4);
  dir.writeUInt16BE(pow * 16, 6);
  dir.writeUInt16BE(Math.log2(pow), 8);
  dir.writeUInt16BE(tags.length * 16 - pow * 16, 10);
  const bodies: Buffer[] = [];
  let offset = dir.length;
  tags.forEach((tag, i) => {
    const data = tables[tag]!;
    dir.write(tag.padEnd(4, ' '), 12 + i * 16, 'latin1');
    dir.writeUInt32BE(checksum(data), 16 + i * 16);
    dir.writeUInt32BE(offset, 20 + i * 16);
    dir.writeUInt32BE(data.length, 24 + i * 16);
    const padded = pad4(data);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([dir, ...bodies]);
  const headOffset = dir.readUInt32BE(20 + tags.indexOf('head') * 16);
  font.writeUInt32BE(0, headOffset + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}
