import { Injectable } from '@nestjs/common';
import { requireEmployerId } from '@netsign/auth';
import type { GraduateSnapshot, Principal } from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AgreementRepository } from '../../agreements/agreement.repository.js';
import { GraduateProjectionRepository } from '../../destinations/graduate-projection.repository.js';
import { IdentityClient } from '../../integration/identity.client.js';
import { QrCardRepository } from '../qr-card.repository.js';

/** The employer scans a card: the graduate as it may see them (ID masked) and whether signing is possible. */
@Injectable()
export class OpenQrCardUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cards: QrCardRepository,
    private readonly identity: IdentityClient,
    private readonly graduates: GraduateProjectionRepository,
    private readonly agreements: AgreementRepository,
  ) {}

  async execute(
    principal: Principal | null,
    token: string,
  ): Promise<{ graduate: GraduateSnapshot; available: boolean; expiresAt: string }> {
    requireEmployerId(principal);
    const card = await this.cards.resolve(token, new Date());
    const graduate = await this.identity.graduate(card.graduateId);
    const [row] = await this.graduates.find(this.dataSource, graduate.schoolCode, [
      graduate.graduateId,
    ]);
    const active = await this.agreements.activeFor(this.dataSource, [graduate.graduateId]);
    const available =
      graduate.sourceInfoConfirmed &&
      (row?.destination ?? 'AWAITING_EMPLOYMENT') === 'AWAITING_EMPLOYMENT' &&
      active.length === 0;
    return { graduate, available, expiresAt: card.expiresAt.toISOString() };
  }
}
