import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, ServiceError } from '@netsign/contracts';

/**
 * QR business card token: `q1.<payload>.<mac>`, payload = base64url of 20 bytes (the card's
 * uuid, then expiry in epoch seconds as uint32), mac = HMAC-SHA256 over `q1.<payload>`. Compact
 * (74 characters: fits a URL path segment and a small QR code) and free of personal data: the
 * card id points at a row naming the graduate. Checked in this order: shape (VALIDATION_FAILED),
 * signature (NOT_FOUND: a forged card names nothing), expiry (QR_CARD_EXPIRED).
 */
const PREFIX = 'q1';

export interface QrCardClaims {
  cardId: string;
  expiresAt: Date;
}

export function signQrToken(claims: QrCardClaims, key: Buffer): string {
  const bytes = Buffer.alloc(20);
  Buffer.from(claims.cardId.replace(/-/g, ''), 'hex').copy(bytes, 0);
  bytes.writeUInt32BE(Math.floor(claims.expiresAt.getTime() / 1000), 16);
  const payload = bytes.toString('base64url');
  return `${PREFIX}.${payload}.${mac(`${PREFIX}.${payload}`, key)}`;
}

export function verifyQrToken(token: string, key: Buffer, now: Date): QrCardClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) throw malformed();
  // Compared as text, not as decoded bytes: base64url decoding ignores a last character's spare
  // bits, so several spellings of one signature would otherwise pass (one card, several tokens).
  const expected = Buffer.from(mac(`${PREFIX}.${parts[1]}`, key), 'ascii');
  const given = Buffer.from(parts[2], 'ascii');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ServiceError(ErrorCode.NOT_FOUND, '二维码名片无效');
  }
  const bytes = Buffer.from(parts[1], 'base64url');
  if (bytes.length !== 20) throw malformed();
  const hex = bytes.subarray(0, 16).toString('hex');
  const cardId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const expiresAt = new Date(bytes.readUInt32BE(16) * 1000);
  if (expiresAt.getTime() <= now.getTime()) throw new ServiceError(ErrorCode.QR_CARD_EXPIRED);
  return { cardId, expiresAt };
}

function mac(data: string, key: Buffer): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

function malformed(): ServiceError {
  return new ServiceError(ErrorCode.VALIDATION_FAILED, '二维码名片格式不正确', {
    fields: [{ field: 'token', message: '格式不正确' }],
  });
}
