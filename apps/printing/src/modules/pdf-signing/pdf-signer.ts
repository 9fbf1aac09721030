import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { PDFDocument } from 'pdf-lib';
import { readSignedData, replaceElement } from './signed-data.js';
import type { SigningBundle } from './signing-bundle.js';

/**
 * The SubFilter written into the signature dictionary. `@signpdf/signer-p12` makes a CMS
 * SignedData with the signed attributes contentType, signingTime and messageDigest: what
 * adbe.pkcs7.detached describes. ETSI.CAdES.detached (PAdES) would also require the ESS
 * signing-certificate-v2 attribute and no signingTime, which node-forge cannot produce; so the
 * platform names what it actually makes (docs/decisions/0005-signed-agreement-pdfs.md).
 */
export const PDF_SIGNATURE_SUBFILTER = 'adbe.pkcs7.detached';

/**
 * Room for the CMS in the file, in bytes (written as twice as many hex digits): a self-signed
 * RSA-2048 signature takes ~1.3 kB, one with a CA chain of two or three certificates ~5 kB.
 */
export const SIGNATURE_RESERVED_BYTES = 8192;

export interface SignatureDetails {
  /** Shown by PDF readers as the signature's reason (Chinese allowed). */
  reason: string;
  /** Where to ask about it: the platform's address. */
  contactInfo: string;
  name: string;
  location: string;
}

/**
 * Signs a finished PDF as the platform: an invisible signature field on the first page whose
 * byte range covers the whole file except the signature itself. The input is the document as it
 * would otherwise be served — everything pdf-lib does to it happens before this — and the output
 * is what is stored and downloaded, byte for byte.
 */
export async function signPdf(
  pdf: Uint8Array,
  bundle: SigningBundle,
  details: SignatureDetails,
  signingTime: Date,
): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  pdflibAddPlaceholder({
    pdfDoc: doc,
    reason: pdfTextString(details.reason),
    contactInfo: pdfTextString(details.contactInfo),
    name: pdfTextString(details.name),
    location: pdfTextString(details.location),
    signingTime,
    signatureLength: SIGNATURE_RESERVED_BYTES,
    subFilter: PDF_SIGNATURE_SUBFILTER,
    appName: 'netsign',
  });
  // The placeholder's dictionary must stay outside object streams (its bytes are patched in place).
  const prepared = Buffer.from(
    await doc.save({ useObjectStreams: false, updateFieldAppearances: false }),
  );
  // A P12Signer reads its bundle once (node-forge consumes the buffer): one per signature.
  const signer = new IssuerPreservingP12Signer(bundle.p12, { passphrase: bundle.passphrase });
  return new SignPdf().sign(prepared, signer, signingTime);
}

/**
 * `@signpdf/signer-p12` as it is, with one correction to what node-forge writes. Forge keeps a
 * parsed UTF8String name value as its UTF-8 bytes and encodes it to UTF-8 again when it writes
 * the signer info's issuer, so for a certificate whose issuer has Chinese (e.g. CN=网签平台) the
 * signer names an issuer that does not exist and readers cannot find the signing certificate
 * (pdfsig: "Unknown Validation Failure"). The issuer is outside the signed attributes, so putting
 * the certificate's own issuer bytes back leaves the signature intact.
 */
export class IssuerPreservingP12Signer extends P12Signer {
  override async sign(pdfBuffer: Buffer, signingTime?: Date): Promise<Buffer> {
    return withCertificateIssuer(await super.sign(pdfBuffer, signingTime));
  }
}

export function withCertificateIssuer(cms: Buffer): Buffer {
  const view = readSignedData(cms);
  const { issuer, serial } = view.signer;
  const certificate = view.certificates.find((c) => c.serial.equals(serial));
  if (!certificate || certificate.issuer.equals(issuer)) return cms;
  return replaceElement(cms, view.issuerPath, certificate.issuer);
}

/**
 * The placeholder writes each value as a literal string `( … )` of the string's char codes, as
 * given (pdf-lib leaves escaping to the caller). A PDF text string beyond ASCII is UTF-16BE with a
 * byte-order mark: so the UTF-16BE bytes one char each, with `\\`, `(`, `)` escaped and control
 * bytes written in octal (a raw CR would be read back as LF).
 */
export function pdfTextString(text: string): string {
  const bytes = /^[\x20-\x7e]*$/.test(text)
    ? Buffer.from(text, 'latin1')
    : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
  let out = '';
  for (const b of bytes) {
    if (b === 0x5c || b === 0x28 || b === 0x29) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b === 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}
