import { readFile } from 'node:fs/promises';
import { Controller } from '@nestjs/common';
import { mayAtAll, requireMay, requirePrincipal, scopeOf } from '@netsign/auth';
import {
  agreementGet,
  ErrorCode,
  PDF_CHUNK_BYTES,
  printPdfChunk,
  printPdfOpen,
  printRecordList,
  printRerender,
  ServiceError,
  type BusRequest,
  type PrintStatus,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient, HandleRequest } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { PrintQueue } from '../print-jobs/print-queue.js';
import type { PrintRecordEntity } from './print-record.entity.js';
import { toPrintRecordView } from './print-record-view.js';
import { printRecordResource, PrintRecordsRepository } from './print-records.repository.js';

@Controller()
export class PrintRecordsNatsController {
  constructor(
    private readonly records: PrintRecordsRepository,
    private readonly queue: PrintQueue,
    private readonly bus: BusClient,
    private readonly dataSource: DataSource,
  ) {}

  @HandleRequest(printRecordList)
  async list(req: BusRequest<{ status?: PrintStatus; page: number; pageSize: number }>) {
    // Print management (access policy `agreement.listPrints`): the employer its own, reviewers their
    // department or school, the province all; not counsellors, not graduates.
    const scope = scopeOf(req.ctx.principal, 'agreement', 'listPrints');
    const [records, total] = await this.records.list(
      scope,
      req.data.status,
      req.data.page,
      req.data.pageSize,
    );
    const history = await this.records.historyOf(records.map((r) => r.agreementId));
    const items = records.map((r) => toPrintRecordView(r, history.get(r.agreementId) ?? []));
    return { items, total };
  }

  @HandleRequest(printPdfOpen)
  async open(req: BusRequest<{ agreementId: string }>) {
    const record = await this.authorised(req.ctx, req.data.agreementId);
    if (record === 'RENDERING' || record.status === 'QUEUED')
      return { status: 'RENDERING' as const };
    if (record.status === 'FAILED' || !record.filePath || !record.size || !record.fileSha256) {
      throw new ServiceError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        '协议书生成失败，请联系管理员重新生成',
      );
    }
    await this.dataSource.transaction((tx) =>
      this.records.addHistory(tx, record.agreementId, actorOf(req.ctx), 'DOWNLOADED'),
    );
    return {
      status: 'READY' as const,
      size: record.size,
      chunks: Math.ceil(record.size / PDF_CHUNK_BYTES),
      renderVersion: record.renderVersion,
      sha256: record.fileSha256,
    };
  }

  @HandleRequest(printPdfChunk)
  async chunk(req: BusRequest<{ agreementId: string; renderVersion: number; index: number }>) {
    const record = await this.authorised(req.ctx, req.data.agreementId);
    if (
      record === 'RENDERING' ||
      record.status !== 'READY' ||
      record.renderVersion !== req.data.renderVersion
    ) {
      throw new ServiceError(ErrorCode.INVALID_STATE, '协议书版本已变化，请重新下载');
    }
    const bytes = await readFile(record.filePath!);
    const start = req.data.index * PDF_CHUNK_BYTES;
    if (start >= bytes.length) throw new ServiceError(ErrorCode.NOT_FOUND);
    return { data: bytes.subarray(start, start + PDF_CHUNK_BYTES).toString('base64') };
  }

  @HandleRequest(printRerender)
  async rerender(req: BusRequest<{ agreementId: string }>) {
    const p = requirePrincipal(req.ctx.principal);
    if (!mayAtAll(p, 'agreement', 'rerender')) throw new ServiceError(ErrorCode.FORBIDDEN);
    const record = await this.records.find(req.data.agreementId);
    if (!record) throw new ServiceError(ErrorCode.NOT_PRINTABLE);
    requireMay(p, 'agreement', 'rerender', printRecordResource(record));
    const renderVersion = await this.dataSource.transaction((tx) =>
      this.records.bumpVersion(tx, record.agreementId, actorOf(req.ctx)),
    );
    await this.queue.enqueue(record.agreementId, renderVersion!);
    return { renderVersion: renderVersion! };
  }

  /**
   * Who may download is who may read the agreement: signing answers that for every role (parties,
   * staff in scope, counsellors of the graduate, the province), so the rule lives in one place.
   */
  private async authorised(
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

function actorOf(ctx: RequestContext) {
  return ctx.principal ? { userId: ctx.principal.userId, role: ctx.principal.role } : null;
}
