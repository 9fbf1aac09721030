import { Injectable } from '@nestjs/common';
import { requirePrincipal } from '@netsign/auth';
import { agreementGet, ErrorCode, ServiceError, type RequestContext } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { PrintRecordEntity } from './print-record.entity.js';
import { PrintRecordsRepository } from './print-records.repository.js';

/**
 * Who may download is who may read the agreement: signing answers that for every role (parties,
 * staff in scope, counsellors of the graduate, the province), so the rule lives in one place.
 */
@Injectable()
export class PrintRecordAccess {
  constructor(
    private readonly records: PrintRecordsRepository,
    private readonly bus: BusClient,
  ) {}

  /**
   * The agreement's print record if the caller may read the agreement (signing refuses
   * otherwise); `RENDERING` while the approval event is still on its way; NOT_PRINTABLE before
   * approval.
   */
  async readable(
    ctx: RequestContext,
    agreementId: string,
  ): Promise<PrintRecordEntity | 'RENDERING'> {
    requirePrincipal(ctx.principal);
    const agreement = await this.bus.request(agreementGet, { agreementId }, ctx);
    const record = await this.records.find(agreementId);
    if (record) return record;
    if (agreement.status === 'APPROVED') return 'RENDERING'; // approval event still on its way
    throw new ServiceError(ErrorCode.NOT_PRINTABLE);
  }
}
