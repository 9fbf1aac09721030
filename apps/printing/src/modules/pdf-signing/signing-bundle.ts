import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import forge from 'node-forge';

/**
 * The platform's PDF signing identity: a PKCS#12 bundle (private key + certificate, optionally
 * its chain) as `@signpdf/signer-p12` takes it. Configured in production (PDF_SIGNING_P12); in
 * development and tests one is generated once with node-forge and kept in printing's database.
 */
export interface SigningBundle {
  /** The PKCS#12 file (DER). */
  p12: Buffer;
  passphrase: string;
  /** The signer's certificate (DER), the one whose key the bundle holds. */
  certificate: Buffer;
  /** SHA-256 of the certificate's DER, hex: how a signature is recognised as the platform's. */
  fingerprint: string;
  subject: string;
  notAfter: Date;
}

export class SigningBundleError extends Error {
  override name = 'SigningBundleError';
}

/**
 * PDF_SIGNING_P12 names a file, or holds the bundle itself in base64 (a Kubernetes Secret or an
 * env file). A readable file wins; anything else must be base64 of a DER bundle.
 */
export async function readP12Setting(value: string): Promise<Buffer> {
  const trimmed = value.trim();
  const isFile = await stat(trimmed).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) return readFile(trimmed);
  const compact = trimmed.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact) || compact.length < 64) {
    throw new SigningBundleError(
      'PDF_SIGNING_P12: no such file, and not a base64-encoded PKCS#12 bundle',
    );
  }
  return Buffer.from(compact, 'base64');
}

/** Opens a bundle and checks it can sign: a private key and the certificate that matches it. */
export function openSigningBundle(p12: Buffer, passphrase: string): SigningBundle {
  let pfx: forge.pkcs12.Pkcs12Pfx;
  try {
    pfx = forge.pkcs12.pkcs12FromAsn1(
      forge.asn1.fromDer(p12.toString('binary')),
      false,
      passphrase,
    );
  } catch (err) {
    throw new SigningBundleError(
      `PDF_SIGNING_P12: cannot open the PKCS#12 bundle (${(err as Error).message}); check PDF_SIGNING_P12_PASSPHRASE`,
    );
  }
  const keyBag = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[
    forge.pki.oids.pkcs8ShroudedKeyBag
  ]?.[0];
  const key = keyBag?.key as forge.pki.rsa.PrivateKey | undefined;
  // @signpdf/signer-p12 reads the key from a shrouded (encrypted) key bag, and signs with RSA.
  if (!key || typeof key.n === 'undefined') {
    throw new SigningBundleError(
      'PDF_SIGNING_P12: the bundle holds no encrypted RSA private key (export it with a passphrase)',
    );
  }
  const certs = pfx.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag] ?? [];
  const cert = certs
    .map((bag) => bag.cert)
    .find((c): c is forge.pki.Certificate => {
      const pub = c?.publicKey as forge.pki.rsa.PublicKey | undefined;
      return Boolean(pub?.n && pub.n.compareTo(key.n) === 0 && pub.e.compareTo(key.e) === 0);
    });
  if (!cert)
    throw new SigningBundleError(
      'PDF_SIGNING_P12: no certificate in the bundle matches its private key',
    );
  const certificate = Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(),
    'binary',
  );
  const x509 = new X509Certificate(certificate);
  return {
    p12,
    passphrase,
    certificate,
    fingerprint: certificateFingerprint(certificate),
    subject: x509.subject.replace(/\n/g, ', '),
    notAfter: new Date(x509.validTo),
  };
}

export function certificateFingerprint(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex');
}

/**
 * A self-signed certificate for development and tests (never production: the env schema refuses
 * to start without PDF_SIGNING_P12 there). RSA-2048 from Node's generator (fast), certificate and
 * bundle built with node-forge; the passphrase is kept beside the bundle.
 */
export function generateDevelopmentBundle(now = new Date()): { p12: Buffer; passphrase: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(
    privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  );
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  // A positive serial: the top bit clear.
  cert.serialNumber = `0${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + 20 * 365 * 24 * 3600_000);
  const name = [
    { name: 'commonName', value: 'Netsign platform PDF signing (development, self-signed)' },
    { name: 'organizationName', value: 'netsign' },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const passphrase = randomBytes(18).toString('base64url');
  const asn1 = forge.pkcs12.toPkcs12Asn1(key, [cert], passphrase, { algorithm: 'aes256' });
  return { p12: Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary'), passphrase };
}
