import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { readPdfSignatureParts } from '../src/modules/printing/pdf-signature-parts.js';

/**
 * The gateway's reading of an uploaded PDF's signature: which bytes it covers (hashed), the CMS
 * without its padding, and whether anything was appended. Real signed files are checked end to
 * end in e2e/printing.e2e-spec.ts and with the signer in apps/printing/test/pdf-signing.spec.ts.
 */
const sha256 = (...parts: Buffer[]) =>
  parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex');

/** A file laid out like a signed PDF: head, `<hex CMS + zero padding>`, tail; ByteRange patched in. */
function signedLike(cms: Buffer, padding = 64): { pdf: Buffer; head: Buffer; tail: Buffer } {
  const placeholder = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const head = Buffer.from(`%PDF-1.7\n1 0 obj\n<< /Type /Sig ${placeholder} /Contents `);
  const contents = Buffer.from(`<${cms.toString('hex')}${'00'.repeat(padding)}>`);
  const tail = Buffer.from(' >>\nendobj\ntrailer\n<< >>\n%%EOF');
  const b = head.length;
  const c = b + contents.length;
  const range = `/ByteRange [0 ${b} ${c} ${tail.length}]`.padEnd(placeholder.length, ' ');
  const pdf = Buffer.concat([head, contents, tail]);
  pdf.write(range, head.indexOf('/ByteRange'), 'latin1');
  return { pdf, head: pdf.subarray(0, b), tail };
}

const cms = Buffer.concat([Buffer.from([0x30, 0x82, 0x01, 0x00]), Buffer.alloc(256, 7)]); // a SEQUENCE of 256 bytes

describe('readPdfSignatureParts', () => {
  it('hashes exactly the signed ranges and trims the CMS to its DER length', () => {
    const { pdf, head, tail } = signedLike(cms);
    expect(readPdfSignatureParts(pdf)).toEqual({
      signedDigest: sha256(head, tail),
      cms: cms.toString('base64'),
      coversWholeFile: true,
    });
  });

  it('says when bytes were appended after the signed range', () => {
    const { pdf, head, tail } = signedLike(cms);
    const appended = Buffer.concat([pdf, Buffer.from('\n1 0 obj << >> endobj\n%%EOF\n')]);
    expect(readPdfSignatureParts(appended)).toEqual({
      signedDigest: sha256(head, tail),
      cms: cms.toString('base64'),
      coversWholeFile: false,
    });
  });

  it('null for a PDF without a signature', () => {
    expect(
      readPdfSignatureParts(Buffer.from('%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n')),
    ).toBeNull();
  });

  it('an unreadable signature: a range outside the file, no hex string in the gap, a CMS longer than its room', () => {
    const unreadable = { signedDigest: '', cms: '', coversWholeFile: false };
    const { pdf } = signedLike(cms);
    expect(readPdfSignatureParts(pdf.subarray(0, pdf.length - 5))).toEqual(unreadable);
    const noHex = Buffer.from(pdf);
    noHex.write('zz', pdf.indexOf('/Contents <') + 11, 'latin1');
    expect(readPdfSignatureParts(noHex)).toEqual(unreadable);
    expect(readPdfSignatureParts(Buffer.from('%PDF-1.7 /ByteRange [0 x]'))).toEqual(unreadable);
    const tooLong = Buffer.concat([Buffer.from([0x30, 0x82, 0x10, 0x00]), Buffer.alloc(16)]);
    expect(readPdfSignatureParts(signedLike(tooLong, 0).pdf)?.cms).toBe('');
  });
});
