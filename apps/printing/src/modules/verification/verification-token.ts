import {
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { PrintCopy } from '../../worker/agreement-print-data.js';

/**
 * Verification tokens printed (inside a URL) in each copy's QR code: Ed25519 over a compact
 * binary payload, base64url-encoded, no database needed to check one — anyone holding the
 * published public key can verify a copy offline.
 *
 * Binary rather than JSON/JWS because the QR's size decides how well a phone reads it off paper:
 * this token is ~190 characters (JWS with the same claims ~330), which keeps the QR at version 10-11.
 *
 * Layout (big-endian): version u8 = 1 | keyId len u8 + utf8 | agreementId 16 bytes (UUID) |
 * copy u8 | renderVersion u32 | issuedAt u32 (Unix seconds) | contentHash 32 bytes (SHA-256) |
 * agreementNo len u8 + utf8 | Ed25519 signature 64 bytes over everything before it.
 */
export interface VerificationPayload {
  agreementNo: string;
  copy: PrintCopy;
  renderVersion: number;
  /** SHA-256, hex. */
  contentHash: string;
  /** UUID. */
  agreementId: string;
  /** Unix time, seconds. */
  issuedAt: number;
}

export interface VerifiedToken extends VerificationPayload {
  keyId: string;
}

export type PublicKeyLookup = ReadonlyMap<string, KeyObject> | Readonly<Record<string, KeyObject>>;

const FORMAT = 1;
const SIGNATURE_BYTES = 64;
const COPIES: readonly PrintCopy[] = ['EMPLOYER', 'GRADUATE', 'SCHOOL'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SHA256_HEX = /^[0-9a-f]{64}$/i;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function signVerificationToken(
  payload: VerificationPayload,
  privateKey: KeyObject,
  keyId: string,
): string {
  if (!UUID.test(payload.agreementId)) throw new Error('agreementId must be a UUID');
  if (!SHA256_HEX.test(payload.contentHash))
    throw new Error('contentHash must be a SHA-256 hex digest');
  const copy = COPIES.indexOf(payload.copy);
  if (copy < 0) throw new Error(`unknown copy ${payload.copy}`);
  for (const [name, n] of [
    ['renderVersion', payload.renderVersion],
    ['issuedAt', payload.issuedAt],
  ] as const) {
    if (!Number.isInteger(n) || n < 0 || n > 0xffffffff)
      throw new Error(`${name} must be a 32-bit unsigned integer`);
  }
  const kid = shortString(keyId, 'keyId');
  const no = shortString(payload.agreementNo, 'agreementNo');
  const fixed = Buffer.alloc(1 + 4 + 4);
  fixed.writeUInt8(copy, 0);
  fixed.writeUInt32BE(payload.renderVersion, 1);
  fixed.writeUInt32BE(payload.issuedAt, 5);
  const body = Buffer.concat([
    Buffer.of(FORMAT),
    kid,
    Buffer.from(payload.agreementId.replace(/-/g, ''), 'hex'),
    fixed,
    Buffer.from(payload.contentHash, 'hex'),
    no,
  ]);
  return Buffer.concat([body, sign(null, body, privateKey)]).toString('base64url');
}

/** The payload if the token is intact and signed by one of `publicKeys`; otherwise null. */
export function verifyVerificationToken(
  token: string,
  publicKeys: PublicKeyLookup,
): VerifiedToken | null {
  try {
    if (typeof token !== 'string' || token.length > 1024 || !BASE64URL.test(token)) return null;
    const raw = Buffer.from(token, 'base64url');
    // Reject non-canonical encodings, so one signed token has exactly one spelling.
    if (raw.toString('base64url') !== token || raw.length <= SIGNATURE_BYTES) return null;
    const body = raw.subarray(0, raw.length - SIGNATURE_BYTES);
    const signature = raw.subarray(raw.length - SIGNATURE_BYTES);
    const r = new Reader(body);
    if (r.u8() !== FORMAT) return null;
    const keyId = r.str();
    const key = lookupKey(publicKeys, keyId);
    if (key?.asymmetricKeyType !== 'ed25519') return null;
    if (!verify(null, body, key, signature)) return null;
    const id = r.bytes(16).toString('hex');
    const copy = COPIES[r.u8()];
    const renderVersion = r.u32();
    const issuedAt = r.u32();
    const contentHash = r.bytes(32).toString('hex');
    const agreementNo = r.str();
    if (!copy || !r.done()) return null;
    const agreementId = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`;
    return { keyId, agreementNo, copy, renderVersion, contentHash, agreementId, issuedAt };
  } catch {
    return null;
  }
}

export function generateKeyPair(): { privateKey: KeyObject; publicKey: KeyObject } {
  return generateKeyPairSync('ed25519');
}

export type VerificationJwk = JsonWebKey & {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  kid: string;
  alg: 'EdDSA';
  use: 'sig';
};

/** The public half as a JWK, for `GET /api/verification-keys` (a JWKS `{keys: [...]}`). */
export function exportPublicJwk(key: KeyObject, keyId: string): VerificationJwk {
  const jwk = (key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || !jwk.x) throw new Error('not an Ed25519 key');
  return { kty: 'OKP', crv: 'Ed25519', x: jwk.x, kid: keyId, alg: 'EdDSA', use: 'sig' };
}

export function importPublicJwk(jwk: JsonWebKey): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
}

function lookupKey(keys: PublicKeyLookup, keyId: string): KeyObject | undefined {
  if (keys instanceof Map) return keys.get(keyId);
  const record = keys as Readonly<Record<string, KeyObject>>;
  return Object.hasOwn(record, keyId) ? record[keyId] : undefined;
}

function shortString(value: string, name: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  if (bytes.length === 0 || bytes.length > 255) throw new Error(`${name} must be 1-255 bytes`);
  return Buffer.concat([Buffer.of(bytes.length), bytes]);
}

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}
  bytes(n: number): Buffer {
    if (this.pos + n > this.buf.length) throw new RangeError('truncated token');
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  u8(): number {
    return this.bytes(1).readUInt8(0);
  }
  u32(): number {
    return this.bytes(4).readUInt32BE(0);
  }
  str(): string {
    return this.bytes(this.u8()).toString('utf8');
  }
  done(): boolean {
    return this.pos === this.buf.length;
  }
}
