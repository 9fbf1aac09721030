import { Inject, Injectable } from '@nestjs/common';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { SIGNING_ENV, type SigningEnv } from '../../signing.env.js';
import { signQrToken, verifyQrToken } from './domain/qr-card-token.js';

export interface QrCard {
  cardId: string;
  graduateId: string;
  expiresAt: Date;
}

/**
 * QR cards: a row per card (who it names), the token only points at it. A graduate holds one live
 * card: issuing one voids the earlier ones, and releasing the graduate's WeChat binding voids every
 * card issued until signing learns of it (whoever holds the old phone cannot have the graduate signed).
 */
@Injectable()
export class QrCardRepository {
  private key: Promise<Buffer> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SIGNING_ENV) private readonly env: SigningEnv,
  ) {}

  async issue(
    cardId: string,
    graduateId: string,
    now: Date,
  ): Promise<{ token: string; expiresAt: Date }> {
    const expiresAt = new Date(now.getTime() + this.env.QR_CARD_TTL_SECONDS * 1000);
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `UPDATE qr_cards SET voided_at = $2 WHERE graduate_id = $1 AND voided_at IS NULL`,
        [graduateId, now],
      );
      await tx.query(
        `INSERT INTO qr_cards (id, graduate_id, expires_at, created_at) VALUES ($1, $2, $3, $4)`,
        [cardId, graduateId, expiresAt, now],
      );
    });
    return { token: signQrToken({ cardId, expiresAt }, await this.secret()), expiresAt };
  }

  /** The card a genuine, unexpired token names; NOT_FOUND / VALIDATION_FAILED / QR_CARD_EXPIRED otherwise. */
  async resolve(token: string, now: Date): Promise<QrCard> {
    const claims = verifyQrToken(token, await this.secret(), now);
    const rows: Array<{ graduate_id: string; expires_at: Date; voided_at: Date | null }> =
      await this.dataSource.query(
        `SELECT graduate_id, expires_at, voided_at FROM qr_cards WHERE id = $1`,
        [claims.cardId],
      );
    const row = rows[0];
    if (!row) throw new ServiceError(ErrorCode.NOT_FOUND, '二维码名片无效');
    if (row.voided_at)
      throw new ServiceError(ErrorCode.QR_CARD_EXPIRED, '二维码名片已失效，请毕业生重新生成');
    if (row.expires_at.getTime() <= now.getTime())
      throw new ServiceError(ErrorCode.QR_CARD_EXPIRED);
    return { cardId: claims.cardId, graduateId: row.graduate_id, expiresAt: row.expires_at };
  }

  /**
   * The graduate's binding was released: every card issued until now stops working. Not only those
   * issued before `releasedAt`: the released session could still issue one until the gateway
   * learnt of the release. A card the newly bound graduate issued in that moment goes too (they
   * issue another).
   */
  async voidAll(tx: EntityManager, graduateId: string): Promise<void> {
    await tx.query(
      `UPDATE qr_cards SET voided_at = now() WHERE graduate_id = $1 AND voided_at IS NULL`,
      [graduateId],
    );
  }

  /** The portal's method-3 page the employer's phone opens (`/qr/{token}`, API.md pages). */
  url(token: string): string {
    return `${this.env.PUBLIC_BASE_URL.replace(/\/$/, '')}/qr/${token}`;
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.dataSource
      .query(`SELECT secret FROM qr_card_keys WHERE id = 1`)
      .then((rows: Array<{ secret: Buffer }>) => rows[0]!.secret);
    return this.key;
  }
}
