import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile as execFileCb } from 'node:child_process';
import { createHash, verify, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { PdfSignatureParts } from '@netsign/contracts';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument, PDFString, StandardFonts } from 'pdf-lib';
import { printingEnvSchema } from '../src/printing.env.js';
import { checkPlatformSignature } from '../src/modules/pdf-signing/pdf-signature-check.js';
import {
  PDF_SIGNATURE_SUBFILTER,
  pdfTextString,
  signPdf,
  withCertificateIssuer,
} from '../src/modules/pdf-signing/pdf-signer.js';
import { readSignedData } from '../src/modules/pdf-signing/signed-data.js';
import {
  generateDevelopmentBundle,
  openSigningBundle,
  readP12Setting,
  SigningBundleError,
  type SigningBundle,
} from '../src/modules/pdf-signing/signing-bundle.js';

const execFile = promisify(execFileCb);

/**
 * The signing module on its own: a generated development bundle signs a PDF that poppler's
 * `pdfsig` reports valid; one changed byte in the signed range makes both pdfsig and the
 * platform's own check say so; a signature by another certificate is not the platform's.
 */
async function samplePdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const copy of ['EMPLOYER', 'GRADUATE', 'SCHOOL'])
    doc.addPage().drawText(`Agreement 2026-10357-000123 ${copy}`, { x: 50, y: 700, font });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** What the gateway sends (its own reader is tested in apps/gateway/test/pdf-signature-parts.spec.ts). */
function partsOf(pdf: Buffer): PdfSignatureParts {
  const [, a, b, c, d] = /\/ByteRange\s*\[(\d+) (\d+) (\d+) (\d+)\]/
    .exec(pdf.toString('latin1'))!
    .map(Number) as number[];
  const hex = pdf.subarray(b! + 1, c! - 1).toString('latin1');
  const der = Buffer.from(hex, 'hex');
  const length = der.readUInt16BE(2) + 4; // 0x30 0x82 LL LL
  return {
    signedDigest: createHash('sha256')
      .update(pdf.subarray(a!, b!))
      .update(pdf.subarray(c!, c! + d!))
      .digest('hex'),
    cms: der.subarray(0, length).toString('base64'),
    coversWholeFile: c! + d! === pdf.length,
  };
}

async function pdfsig(dir: string, name: string, pdf: Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, pdf);
  const { stdout } = await execFile('pdfsig', [file]).catch((err: { stdout?: string }) => ({
    stdout: err.stdout ?? '',
  }));
  return stdout;
}

const details = {
  reason: '就业协议书 2026-10357-000123（第 1 版）由网签平台出具',
  contactInfo: 'http://localhost:3000',
  name: '网签平台',
  location: '',
};

describe('signed agreement PDFs', () => {
  let dir: string;
  let bundle: SigningBundle;
  let signed: Buffer;
  let platform: ReadonlySet<string>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'netsign-pdf-signing-'));
    const generated = generateDevelopmentBundle();
    bundle = openSigningBundle(generated.p12, generated.passphrase);
    platform = new Set([bundle.fingerprint]);
    signed = await signPdf(await samplePdf(), bundle, details, new Date('2026-06-01T08:00:00Z'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('generates a self-signed bundle that opens with its passphrase and names its certificate', () => {
    expect(bundle.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(bundle.subject).toContain('Netsign platform PDF signing');
    expect(bundle.notAfter.getTime()).toBeGreaterThan(Date.now() + 10 * 365 * 24 * 3600_000);
    expect(() => openSigningBundle(bundle.p12, 'not-the-passphrase')).toThrow(
      /PDF_SIGNING_P12_PASSPHRASE/,
    );
    expect(() => openSigningBundle(Buffer.from('not a bundle'), '')).toThrow(SigningBundleError);
  });

  it('signs the whole file: pdfsig reports the signature valid (issuer unknown: self-signed)', async () => {
    const out = await pdfsig(dir, 'signed.pdf', signed);
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain(`Signature Type: ${PDF_SIGNATURE_SUBFILTER}`);
    expect(out).toContain('Netsign platform PDF signing');
    // The document itself is intact: three pages, still readable by pdf-lib.
    expect((await PDFDocument.load(signed)).getPageCount()).toBe(3);
  });

  it('recognises its own signature, and no other certificate’s', () => {
    expect(checkPlatformSignature(partsOf(signed), platform)).toBe('VALID');
    expect(checkPlatformSignature(partsOf(signed), new Set(['0'.repeat(64)]))).toBe('UNRECOGNISED');
  });

  it('one changed byte inside the signed range: pdfsig says invalid, the check says MODIFIED', async () => {
    // The binary comment on the header's second line: signed, and changing it leaves the file readable.
    const altered = Buffer.from(signed);
    const at = altered.indexOf('\n%') + 2;
    expect(at).toBeLessThan(altered.indexOf('/ByteRange'));
    altered[at] ^= 0x01;
    const out = await pdfsig(dir, 'altered.pdf', altered);
    expect(out).toContain('Signature Validation:');
    expect(out).not.toContain('Signature is Valid.');
    expect(checkPlatformSignature(partsOf(altered), platform)).toBe('MODIFIED');
  });

  it('bytes appended after signing (an incremental update) are MODIFIED, not VALID', () => {
    const appended = Buffer.concat([signed, Buffer.from('\n% appended later\n')]);
    expect(checkPlatformSignature(partsOf(appended), platform)).toBe('MODIFIED');
  });

  it('an unreadable or foreign CMS is UNRECOGNISED', () => {
    const parts = partsOf(signed);
    expect(checkPlatformSignature({ ...parts, cms: '' }, platform)).toBe('UNRECOGNISED');
    expect(
      checkPlatformSignature(
        { ...parts, cms: Buffer.from('garbage').toString('base64') },
        platform,
      ),
    ).toBe('UNRECOGNISED');
    const der = Buffer.from(parts.cms, 'base64');
    der[der.length - 10] ^= 0xff; // inside the RSA signature value
    expect(checkPlatformSignature({ ...parts, cms: der.toString('base64') }, platform)).toBe(
      'UNRECOGNISED',
    );
  });

  it('signs with a bundle made by openssl (the production path), given as a file or base64', async () => {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    const p12 = join(dir, 'signing.p12');
    await execFile('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      '/CN=网签平台（测试）/O=netsign',
      '-utf8',
    ]);
    await execFile('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      cert,
      '-out',
      p12,
      '-passout',
      'pass:s3cret',
    ]);
    const fromFile = openSigningBundle(await readP12Setting(p12), 's3cret');
    const fromBase64 = openSigningBundle(
      await readP12Setting((await readFile(p12)).toString('base64')),
      's3cret',
    );
    expect(fromBase64.fingerprint).toBe(fromFile.fingerprint);
    const pdf = await signPdf(await samplePdf(), fromFile, details, new Date());
    expect(await pdfsig(dir, 'openssl.pdf', pdf)).toContain(
      'Signature Validation: Signature is Valid.',
    );
    expect(checkPlatformSignature(partsOf(pdf), new Set([fromFile.fingerprint]))).toBe('VALID');
    await expect(readP12Setting('/no/such/file.p12')).rejects.toThrow(
      /no such file, and not a base64/,
    );
  });

  it('names the signer by its certificate’s own issuer bytes (node-forge would re-encode a UTF-8 issuer)', async () => {
    const key = join(dir, 'cn-key.pem');
    const cert = join(dir, 'cn-cert.pem');
    const p12 = join(dir, 'cn.p12');
    await execFile('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '30',
      '-subj',
      '/CN=网签平台/O=某省教育厅',
      '-utf8',
    ]);
    await execFile('openssl', [
      'pkcs12',
      '-export',
      '-inkey',
      key,
      '-in',
      cert,
      '-out',
      p12,
      '-passout',
      'pass:pw',
    ]);
    const raw = await new P12Signer(await readFile(p12), { passphrase: 'pw' }).sign(
      Buffer.from('signed content'),
    );
    const before = readSignedData(raw);
    const certificate = before.certificates[0]!;
    expect(before.signer.issuer.equals(certificate.issuer)).toBe(false); // the double-encoded name
    const fixed = readSignedData(withCertificateIssuer(raw));
    expect(fixed.signer.issuer.equals(certificate.issuer)).toBe(true);
    expect(fixed.signer.serial.equals(certificate.serial)).toBe(true);
    // Only the signer's name changed: the signature over the signed attributes still verifies.
    expect(
      verify(
        'sha256',
        fixed.signer.signedAttributes,
        new X509Certificate(certificate.der).publicKey,
        fixed.signer.signature,
      ),
    ).toBe(true);
    expect(fixed.signer.messageDigest?.toString('hex')).toBe(
      createHash('sha256').update('signed content').digest('hex'),
    );
    // A bundle whose issuer is plain ASCII is left byte for byte as node-forge wrote it.
    const ascii = await new P12Signer(bundle.p12, { passphrase: bundle.passphrase }).sign(
      Buffer.from('x'),
    );
    expect(withCertificateIssuer(ascii).equals(ascii)).toBe(true);
  });

  it('writes Chinese text strings (the signature’s reason) as UTF-16 that decodes back', () => {
    for (const text of details.reason.split('').concat([details.reason, 'a(b)c\\d', '（）'])) {
      expect(PDFString.of(pdfTextString(text)).decodeText()).toBe(text);
    }
  });

  it('refuses to start in production without PDF_SIGNING_P12; elsewhere it is optional', () => {
    const production = printingEnvSchema.safeParse({ NODE_ENV: 'production' });
    expect(production.success).toBe(false);
    expect(production.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'PDF_SIGNING_P12',
      'required in production',
    ]);
    expect(
      printingEnvSchema.safeParse({
        NODE_ENV: 'production',
        PDF_SIGNING_P12: '/run/secrets/signing.p12',
      }).success,
    ).toBe(true);
    expect(printingEnvSchema.parse({ NODE_ENV: 'test' })).toMatchObject({
      PDF_SIGNING_P12_PASSPHRASE: '',
    });
  });
});
