/**
 * Just enough of CMS SignedData (RFC 5652) for the platform's PDF signatures, read with a small
 * DER walker that keeps every element's position: the checker verifies the signed attributes over
 * exactly the bytes that were signed, and the signer can correct one field in place.
 *
 * ContentInfo { contentType, [0] SignedData { version, digestAlgorithms, encapContentInfo,
 * [0] certificates, [1] crls, signerInfos { SignerInfo { version, sid { issuer, serial },
 * digestAlgorithm, [0] signedAttrs, signatureAlgorithm, signature, [1] unsignedAttrs } } } }
 */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

export interface CertificateView {
  der: Buffer;
  issuer: Buffer;
  serial: Buffer;
}

export interface SignedDataView {
  certificates: CertificateView[];
  signer: {
    issuer: Buffer;
    serial: Buffer;
    /** OID (content bytes) of the digest algorithm. */
    digestAlgorithm: Buffer;
    /** The DER of the signed attributes as signed: a SET, not the [0] IMPLICIT tag they carry. */
    signedAttributes: Buffer;
    messageDigest: Buffer | null;
    signature: Buffer;
  };
  /** From the outermost element down to the signer's issuer name (for an in-place correction). */
  issuerPath: Tlv[];
}

export const OID = {
  signedData: Buffer.from('2a864886f70d010702', 'hex'),
  sha256: Buffer.from('608648016503040201', 'hex'),
  messageDigest: Buffer.from('2a864886f70d010904', 'hex'),
};
const TAG = {
  integer: 0x02,
  octetString: 0x04,
  oid: 0x06,
  sequence: 0x30,
  set: 0x31,
  context0: 0xa0,
};

/** Reads a DER SignedData with exactly one signer; throws on anything else. */
export function readSignedData(der: Buffer): SignedDataView {
  const contentInfo = tagged(readTlv(der, 0), TAG.sequence);
  if (contentInfo.end !== der.length) throw new Error('trailing bytes');
  const [type, explicit] = children(der, contentInfo);
  if (!content(der, tagged(type, TAG.oid)).equals(OID.signedData))
    throw new Error('not SignedData');
  const signedData = tagged(children(der, tagged(explicit, TAG.context0))[0], TAG.sequence);
  const fields = children(der, signedData);
  const certificates = fields.find((f) => f.tag === TAG.context0);
  const signerInfos = tagged(fields[fields.length - 1], TAG.set);
  const infos = children(der, signerInfos);
  if (infos.length !== 1) throw new Error('expected one signer');
  const signerInfo = tagged(infos[0], TAG.sequence);
  const [, sid, digestAlgorithm, attributes, , signature] = children(der, signerInfo);
  const [issuer, serial] = children(der, tagged(sid, TAG.sequence));
  const attrs = tagged(attributes, TAG.context0);
  let messageDigest: Buffer | null = null;
  for (const attribute of children(der, attrs)) {
    const [oid, values] = children(der, tagged(attribute, TAG.sequence));
    if (content(der, tagged(oid, TAG.oid)).equals(OID.messageDigest)) {
      messageDigest = content(
        der,
        tagged(children(der, tagged(values, TAG.set))[0], TAG.octetString),
      );
    }
  }
  const signedAttributes = Buffer.from(der.subarray(attrs.start, attrs.end));
  signedAttributes[0] = TAG.set;
  return {
    certificates: certificates
      ? children(der, certificates).map((c) => readCertificate(der, c))
      : [],
    signer: {
      issuer: bytes(der, tagged(issuer, TAG.sequence)),
      serial: content(der, tagged(serial, TAG.integer)),
      digestAlgorithm: content(
        der,
        tagged(children(der, tagged(digestAlgorithm, TAG.sequence))[0], TAG.oid),
      ),
      signedAttributes,
      messageDigest,
      signature: content(der, tagged(signature, TAG.octetString)),
    },
    issuerPath: [contentInfo, explicit!, signedData, signerInfos, signerInfo, sid!, issuer!],
  };
}

/** Certificate { TBSCertificate { [0] version, serialNumber, signature, issuer, … }, … } */
function readCertificate(der: Buffer, cert: Tlv): CertificateView {
  const tbs = children(der, tagged(children(der, tagged(cert, TAG.sequence))[0], TAG.sequence));
  const [serial, , issuer] = tbs[0]?.tag === TAG.context0 ? tbs.slice(1) : tbs;
  return {
    der: bytes(der, cert),
    issuer: bytes(der, tagged(issuer, TAG.sequence)),
    serial: content(der, tagged(serial, TAG.integer)),
  };
}

/**
 * `der` with the last element of `path` replaced by `replacement` (a whole element), every
 * enclosing length rewritten. The elements of `path` must enclose one another, outermost first.
 */
export function replaceElement(der: Buffer, path: Tlv[], replacement: Buffer): Buffer {
  let inner = replacement;
  for (let i = path.length - 2; i >= 0; i--) {
    const parent = path[i]!;
    const child = path[i + 1]!;
    const body = Buffer.concat([
      der.subarray(parent.contentStart, child.start),
      inner,
      der.subarray(child.end, parent.end),
    ]);
    inner = Buffer.concat([Buffer.from([parent.tag]), encodeLength(body.length), body]);
  }
  return Buffer.concat([der.subarray(0, path[0]!.start), inner, der.subarray(path[0]!.end)]);
}

function encodeLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const size = Math.ceil(Math.log2(length + 1) / 8);
  const out = Buffer.alloc(1 + size);
  out[0] = 0x80 | size;
  out.writeUIntBE(length, 1, size);
  return out;
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
  for (let at = parent.contentStart; at < parent.end;) {
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

function bytes(der: Buffer, tlv: Tlv): Buffer {
  return der.subarray(tlv.start, tlv.end);
}
