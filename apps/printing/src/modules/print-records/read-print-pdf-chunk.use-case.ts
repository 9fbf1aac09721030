import { readFile } from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { ErrorCode, PDF_CHUNK_BYTES, ServiceError, type RequestContext } from '@netsign/contracts';
import { PrintRecordAccess } from './print-record-access.js';

/**
 * One chunk (base64, `PDF_CHUNK_BYTES` at most) of the PDF of a render version; refused once the
 * record has moved to another version, so a download never mixes two files.
 */
@Injectable()
export class ReadPrintPdfChunkUseCase {
  constructor(private readonly access: PrintRecordAccess) {}

  async execute(
    ctx: RequestContext,
    chunk: { agreementId: string; renderVersion: number; index: number },
  ): Promise<{ data: string }> {
    const record = await this.access.readable(ctx, chunk.agreementId);
    if (
      record === 'RENDERING' ||
      record.status !== 'READY' ||
      record.renderVersion !== chunk.renderVersion ||
      !record.filePath
    ) {
      throw new ServiceError(ErrorCode.INVALID_STATE, '协议书版本已变化，请重新下载');
    }
    const bytes = await readFile(record.filePath);
    const start = chunk.index * PDF_CHUNK_BYTES;
    if (start >= bytes.length) throw new ServiceError(ErrorCode.NOT_FOUND);
    return { data: bytes.subarray(start, start + PDF_CHUNK_BYTES).toString('base64') };
  }
}
