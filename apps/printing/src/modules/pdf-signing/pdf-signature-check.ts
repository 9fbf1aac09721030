import { createHash, verify, X509Certificate } from 'node:crypto';
import type { PdfSignatureParts, PdfSignatureStatus } from '@netsign/contracts';
import { OID, readSignedData } from './signed-data.js';

/**
 * Checks the signature the gateway found in an uploaded PDF against the platform's certificates.
 * The gateway sends what a PDF reader would look at (docs/api-additions.md, "Signed PDFs"): the
 * SHA-256 of the bytes the signature's /ByteRange covers, the CMS from its /Contents, and whether
 * that range spans the whole file. Printing alone knows which certificates are the platform's.
 *
 *  - VALID: signed with one of the platform's certificates (the one the signer info names), the
 *    signed bytes are unchanged, and the signature covers the whole file;
 *  - MODIFIED: the platform's signature, but the bytes it covers changed, or bytes were added
 *    after it (an incremental update);
 *  - UNRECOGNISED: a signature that is not the platform's, or cannot be read.
 */
export function checkPlatformSignature(
  parts: PdfSignatureParts,
  platformFingerprints: ReadonlySet<string>,
): Exclude<PdfSignatureStatus, 'ABSENT'> {
  let cms: ReturnType<typeof readSignedData>;
  try {
    cms = readSignedData(Buffer.from(parts.cms, 'base64'));
  } catch {
    return 'UNRECOGNISED';
  }
  const { signer } = cms;
  // The certificate the signer info names (issuer and serial), as a reader finds it.
  const certificate = cms.certificates.find(
    (c) => c.serial.equals(signer.serial) && c.issuer.equals(signer.issuer),
  );
  if (
    !certificate ||
    !platformFingerprints.has(createHash('sha256').update(certificate.der).digest('hex'))
  )
    return 'UNRECOGNISED';
  if (!signer.digestAlgorithm.equals(OID.sha256) || !signer.messageDigest) return 'UNRECOGNISED';
  let signedByPlatform = false;
  try {
    signedByPlatform = verify(
      'sha256',
      signer.signedAttributes,
      new X509Certificate(certificate.der).publicKey,
      signer.signature,
    );
  } catch {
    signedByPlatform = false;
  }
  if (!signedByPlatform) return 'UNRECOGNISED';
  if (signer.messageDigest.toString('hex') !== parts.signedDigest) return 'MODIFIED';
  return parts.coversWholeFile ? 'VALID' : 'MODIFIED';
}
