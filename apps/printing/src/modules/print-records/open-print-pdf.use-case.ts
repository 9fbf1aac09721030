import { Injectable } from '@nestjs/common';
import {
  actorOf,
  ErrorCode,
  PDF_CHUNK_BYTES,
  ServiceError,
  type RequestContext,
  type ResponseOf,
  type printPdfOpen,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { PrintRecordAccess } from './print-record-access.js';
import { PrintRecordsRepository } from './print-records.repository.js';

/**
 * Opens an agreement's PDF for download: `RENDERING` while the job runs, else its size, chunk
 * count, render version and SHA-256. The download is recorded in the print history.
 */
@Injectable()
export class OpenPrintPdfUseCase {
  constructor(
    private readonly access: PrintRecordAccess,
    private readonly records: PrintRecordsRepository,
    private readonly dataSource: DataSource,
  ) {}

  async execute(
    ctx: RequestContext,
    agreementId: string,
  ): Promise<ResponseOf<typeof printPdfOpen>> {
    const record = await this.access.readable(ctx, agreementId);
    if (record === 'RENDERING' || record.status === 'QUEUED')
      return { status: 'RENDERING' as const };
    if (record.status === 'FAILED' || !record.filePath || !record.size || !record.fileSha256) {
      throw new ServiceError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        '协议书生成失败，请联系管理员重新生成',
      );
    }
    await this.dataSource.transaction((tx) =>
      this.records.addHistory(tx, record.agreementId, actorOf(ctx.principal), 'DOWNLOADED'),
    );
    return {
      status: 'READY' as const,
      size: record.size,
      chunks: Math.ceil(record.size / PDF_CHUNK_BYTES),
      renderVersion: record.renderVersion,
      sha256: record.fileSha256,
    };
  }
}
