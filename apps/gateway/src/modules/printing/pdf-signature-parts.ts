import { createHash } from 'node:crypto';
import type { PdfSignatureParts } from '@netsign/contracts';

/**
 * Reads the last signature of an uploaded PDF the way a reader checks it, without parsing the
 * document: its /ByteRange [a b c d] names the signed bytes (a..a+b and c..c+d; the gap between
 * is the /Contents hex string holding the CMS). The gateway hashes the signed bytes and trims the
 * CMS from its zero padding, so a 10 MB upload becomes a few kilobytes on the bus; printing checks
 * the CMS against the platform's certificates (apps/printing/src/modules/pdf-signing/pdf-signature-check.ts).
 *
 * null: no signature at all. `cms: ''`: something that looks like a signature but cannot be read.
 */
export function readPdfSignatureParts(pdf: Buffer): PdfSignatureParts | null {
  const at = pdf.lastIndexOf('/ByteRange');
  if (at < 0) return null;
  const unreadable: PdfSignatureParts = { signedDigest: '', cms: '', coversWholeFile: false };
  const match = /^\/ByteRange\s*\[\s*(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s+(\d{1,10})\s*\]/.exec(
    pdf.subarray(at, at + 80).toString('latin1'),
  );
  if (!match) return unreadable;
  const [a, b, c, d] = match.slice(1).map(Number) as [number, number, number, number];
  const gapOk =
    a === 0 &&
    b > 0 &&
    c > b + 1 &&
    c + d <= pdf.length &&
    pdf[b] === 0x3c /* < */ &&
    pdf[c - 1] === 0x3e; /* > */
  if (!gapOk) return unreadable;
  const hex = pdf
    .subarray(b + 1, c - 1)
    .toString('latin1')
    .replace(/\s+/g, '');
  if (!/^([0-9a-fA-F]{2})+$/.test(hex)) return unreadable;
  const cms = trimDer(Buffer.from(hex, 'hex'));
  return {
    signedDigest: createHash('sha256')
      .update(pdf.subarray(0, b))
      .update(pdf.subarray(c, c + d))
      .digest('hex'),
    cms: cms && cms.length <= 48 * 1024 ? cms.toString('base64') : '',
    coversWholeFile: c + d === pdf.length,
  };
}

/** The DER element at the start of `bytes` (the CMS), without the zero padding after it. */
function trimDer(bytes: Buffer): Buffer | null {
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  const first = bytes[1]!;
  let length = first;
  let header = 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || bytes.length < 2 + n) return null;
    length = bytes.readUIntBE(2, n);
    header += n;
  }
  return header + length <= bytes.length ? bytes.subarray(0, header + length) : null;
}
