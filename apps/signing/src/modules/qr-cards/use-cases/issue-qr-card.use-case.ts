import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requireGraduateId } from '@netsign/auth';
import type { Principal, QrCardIssued } from '@netsign/contracts';
import QRCode from 'qrcode';
import { QrCardRepository } from '../qr-card.repository.js';

/** Method 3, graduate side: a short-lived signed card and its QR code as a PNG data URL. */
@Injectable()
export class IssueQrCardUseCase {
  constructor(private readonly cards: QrCardRepository) {}

  async execute(principal: Principal | null): Promise<QrCardIssued> {
    const graduateId = requireGraduateId(principal);
    const { token, expiresAt } = await this.cards.issue(randomUUID(), graduateId, new Date());
    const url = this.cards.url(token);
    const qrPng = await QRCode.toDataURL(url, { errorCorrectionLevel: 'M', margin: 2, width: 320 });
    return { token, url, qrPng, expiresAt: expiresAt.toISOString() };
  }
}
