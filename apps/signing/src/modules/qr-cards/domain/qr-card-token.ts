import { createHmac, timingSafeEqual } from 'node:crypto';
import { ErrorCode, ServiceError } from '@netsign/contracts';

/**
 * QR business card token: `q1.<payload>.<mac>`, payload = base64url JSON {c: card id, e: expiry
 * in epoch seconds}, mac = HMAC-SHA256 over `q1.<payload>`. It carries no personal data: the card
 * id points at a row naming the graduate. Checked in this order: shape (VALIDATION_FAILED),
 * signature (NOT_FOUND: a forged card names nothing), expiry (QR_CARD_EXPIRED).
 */
const PREFIX = 'q1';

export interface QrCardClaims {
  cardId: string;
  expiresAt: Date;
}

export function signQrToken(claims: QrCardClaims, key: Buffer): string {
  const payload = Buffer.from(
    JSON.stringify({ c: claims.cardId, e: Math.floor(claims.expiresAt.getTime() / 1000) }),
  ).toString('base64url');
  return `${PREFIX}.${payload}.${mac(`${PREFIX}.${payload}`, key)}`;
}

export function verifyQrToken(token: string, key: Buffer, now: Date): QrCardClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== PREFIX || !parts[1] || !parts[2]) throw malformed();
  const expected = Buffer.from(mac(`${PREFIX}.${parts[1]}`, key), 'base64url');
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ServiceError(ErrorCode.NOT_FOUND, '二维码名片无效');
  }
  let claims: { c?: unknown; e?: unknown };
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as typeof claims;
  } catch {
    throw malformed();
  }
  if (typeof claims.c !== 'string' || typeof claims.e !== 'number') throw malformed();
  const expiresAt = new Date(claims.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) throw new ServiceError(ErrorCode.QR_CARD_EXPIRED);
  return { cardId: claims.c, expiresAt };
}

function mac(data: string, key: Buffer): string {
  return createHmac('sha256', key).update(data).digest('base64url');
}

function malformed(): ServiceError {
  return new ServiceError(ErrorCode.VALIDATION_FAILED, '二维码名片格式不正确', {
    fields: [{ field: 'token', message: '格式不正确' }],
  });
}
