import { createHash, verify, X509Certificate } from 'node:crypto';
import type { PdfSignatureParts, PdfSignatureStatus } from '@netsign/contracts';

/**
 * Checks the signature the gateway found in an uploaded PDF against the platform's certificates.
 * The gateway sends what a PDF reader would look at (docs/api-additions.md, "Signed PDFs"): the
 * SHA-256 of the bytes the signature's /ByteRange covers, the CMS from its /Contents, and whether
 * that range spans the whole file. Printing alone knows which certificates are the platform's.
 *
 *  - VALID: signed with one of the platform's certificates, the signed bytes are unchanged, and
 *    the signature covers the whole file;
 *  - MODIFIED: the platform's signature, but the bytes it covers changed, or bytes were added
 *    after it (an incremental update);
 *  - UNRECOGNISED: a signature that is not the platform's, or cannot be read.
 *
 * The CMS is read with a small DER walker rather than re-encoded by a library, so the signed
 * attributes are checked over exactly the bytes that were signed.
 */
export function checkPlatformSignature(parts: PdfSignatureParts, platformFingerprints: ReadonlySet<string>): Exclude<PdfSignatureStatus, 'ABSENT'> {
  let signer: SignerInfo;
  try {
    signer = readSignedData(Buffer.from(parts.cms, 'base64'));
  } catch {
    return 'UNRECOGNISED';
  }
  const platformCertificate = signer.certificates.find((der) => platformFingerprints.has(createHash('sha256').update(der).digest('hex')));
  if (!platformCertificate) return 'UNRECOGNISED';
  let signedByPlatform = false;
  try {
    signedByPlatform = verify('sha256', signer.signedAttributes, new X509Certificate(platformCertificate).publicKey, signer.signature);
  } catch {
    signedByPlatform = false;
  }
  if (!signedByPlatform) return 'UNRECOGNISED';
  if (signer.messageDigest.toString('hex') !== parts.signedDigest) return 'MODIFIED';
  return parts.coversWholeFile ? 'VALID' : 'MODIFIED';
}

interface SignerInfo {
  certificates: Buffer[];
  /** The DER of the signed attributes as signed: a SET, not the [0] IMPLICIT tag they carry. */
  signedAttributes: Buffer;
  messageDigest: Buffer;
  signature: Buffer;
}

const OID = {
  signedData: Buffer.from('2a864886f70d010702', 'hex'),
  sha256: Buffer.from('608648016503040201', 'hex'),
  messageDigest: Buffer.from('2a864886f70d010904', 'hex'),
};
const TAG = { sequence: 0x30, set: 0x31, oid: 0x06, octetString: 0x04, context0: 0xa0 };

/** ContentInfo → SignedData → its one SignerInfo (SHA-256) and the certificates beside it. */
function readSignedData(der: Buffer): SignerInfo {
  const contentInfo = tagged(readTlv(der, 0), TAG.sequence);
  if (contentInfo.end !== der.length) throw new Error('trailing bytes');
  const [type, explicit] = children(der, contentInfo);
  if (!type || !content(der, tagged(type, TAG.oid)).equals(OID.signedData)) throw new Error('not SignedData');
  const signedData = tagged(children(der, tagged(explicit, TAG.context0))[0], TAG.sequence);
  const fields = children(der, signedData);
  const certificates = fields.find((f) => f.tag === TAG.context0);
  const signerInfos = children(der, tagged(fields[fields.length - 1], TAG.set));
  if (signerInfos.length !== 1) throw new Error('expected one signer');
  const [, , digestAlgorithm, attributes, , signature] = children(der, tagged(signerInfos[0], TAG.sequence));
  const digestOid = children(der, tagged(digestAlgorithm, TAG.sequence))[0];
  if (!digestOid || !content(der, tagged(digestOid, TAG.oid)).equals(OID.sha256)) throw new Error('not SHA-256');
  const attrs = tagged(attributes, TAG.context0);
  let messageDigest: Buffer | undefined;
  for (const attribute of children(der, attrs)) {
    const [oid, values] = children(der, tagged(attribute, TAG.sequence));
    if (oid && content(der, tagged(oid, TAG.oid)).equals(OID.messageDigest)) {
      messageDigest = content(der, tagged(children(der, tagged(values, TAG.set))[0], TAG.octetString));
    }
  }
  if (!messageDigest) throw new Error('no messageDigest attribute');
  const signedAttributes = Buffer.from(der.subarray(attrs.start, attrs.end));
  signedAttributes[0] = TAG.set;
  return {
    certificates: certificates ? children(der, certificates).map((c) => der.subarray(c.start, c.end)) : [],
    signedAttributes,
    messageDigest,
    signature: content(der, tagged(signature, TAG.octetString)),
  };
}

interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** One DER element at `offset`: single-byte tags and definite lengths (what DER allows). */
function readTlv(der: Buffer, offset: number): Tlv {
  if (offset + 2 > der.length) throw new Error('truncated');
  const first = der[offset + 1]!;
  let length = first;
  let contentStart = offset + 2;
  if (first & 0x80) {
    const n = first & 0x7f;
    if (n === 0 || n > 4 || contentStart + n > der.length) throw new Error('unsupported length');
    length = der.readUIntBE(contentStart, n);
    contentStart += n;
  }
  const end = contentStart + length;
  if (end > der.length) throw new Error('truncated');
  return { tag: der[offset]!, start: offset, contentStart, end };
}

function children(der: Buffer, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readTlv(der, at);
    if (child.end > parent.end) throw new Error('child overruns parent');
    out.push(child);
    at = child.end;
  }
  return out;
}

function tagged(tlv: Tlv | undefined, tag: number): Tlv {
  if (!tlv || tlv.tag !== tag) throw new Error(`expected tag 0x${tag.toString(16)}`);
  return tlv;
}

function content(der: Buffer, tlv: Tlv): Buffer {
  return der.subarray(tlv.contentStart, tlv.end);
}
