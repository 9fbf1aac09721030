import { Injectable } from '@nestjs/common';
import { mayAtAll, requireMay, requirePrincipal } from '@netsign/auth';
import { actorOf, ErrorCode, ServiceError, type Principal } from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { PrintQueue } from '../print-jobs/print-queue.js';
import { printRecordResource, PrintRecordsRepository } from './print-records.repository.js';

/**
 * Renders an agreement again (e.g. after a template change; access policy `agreement.rerender`):
 * a new render version, queued, recorded in the history; old files stay for old tokens.
 */
@Injectable()
export class RerenderPrintRecordUseCase {
  constructor(
    private readonly records: PrintRecordsRepository,
    private readonly queue: PrintQueue,
    private readonly dataSource: DataSource,
  ) {}

  async execute(
    principal: Principal | null,
    agreementId: string,
  ): Promise<{ renderVersion: number }> {
    const p = requirePrincipal(principal);
    if (!mayAtAll(p, 'agreement', 'rerender')) throw new ServiceError(ErrorCode.FORBIDDEN);
    const record = await this.records.find(agreementId);
    if (!record) throw new ServiceError(ErrorCode.NOT_PRINTABLE);
    requireMay(p, 'agreement', 'rerender', printRecordResource(record));
    const renderVersion = await this.dataSource.transaction((tx) =>
      this.records.bumpVersion(tx, record.agreementId, actorOf(p)),
    );
    await this.queue.enqueue(record.agreementId, renderVersion!);
    return { renderVersion: renderVersion! };
  }
}
