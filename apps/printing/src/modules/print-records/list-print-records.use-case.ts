import { Injectable } from '@nestjs/common';
import { scopeOf } from '@netsign/auth';
import type { PrintRecordView, PrintStatus, Principal } from '@netsign/contracts';
import { toPrintRecordView } from './print-record-view.js';
import { PrintRecordsRepository } from './print-records.repository.js';

/**
 * Print management (access policy `agreement.listPrints`): the employer its own, reviewers their
 * department or school, the province all; not counsellors, not graduates. Newest first, each
 * record with its history.
 */
@Injectable()
export class ListPrintRecordsUseCase {
  constructor(private readonly records: PrintRecordsRepository) {}

  async execute(
    principal: Principal | null,
    query: { status?: PrintStatus; page: number; pageSize: number },
  ): Promise<{ items: PrintRecordView[]; total: number }> {
    const scope = scopeOf(principal, 'agreement', 'listPrints');
    const [records, total] = await this.records.list(
      scope,
      query.status,
      query.page,
      query.pageSize,
    );
    const history = await this.records.historyOf(records.map((r) => r.agreementId));
    const items = records.map((r) => toPrintRecordView(r, history.get(r.agreementId) ?? []));
    return { items, total };
  }
}
