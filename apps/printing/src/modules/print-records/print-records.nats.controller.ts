import { Controller } from '@nestjs/common';
import {
  printPdfChunk,
  printPdfOpen,
  printRecordList,
  printRerender,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { ListPrintRecordsUseCase } from './list-print-records.use-case.js';
import { OpenPrintPdfUseCase } from './open-print-pdf.use-case.js';
import { ReadPrintPdfChunkUseCase } from './read-print-pdf-chunk.use-case.js';
import { RerenderPrintRecordUseCase } from './rerender-print-record.use-case.js';

/** Print management (协议书打印管理) and the download of agreement PDFs. */
@Controller()
export class PrintRecordsNatsController {
  constructor(
    private readonly listRecords: ListPrintRecordsUseCase,
    private readonly openPdf: OpenPrintPdfUseCase,
    private readonly readChunk: ReadPrintPdfChunkUseCase,
    private readonly rerenderRecord: RerenderPrintRecordUseCase,
  ) {}

  @HandleRequest(printRecordList)
  list(req: BusRequest<RequestOf<typeof printRecordList>>) {
    return this.listRecords.execute(req.ctx.principal, req.data);
  }

  @HandleRequest(printPdfOpen)
  open(req: BusRequest<RequestOf<typeof printPdfOpen>>) {
    return this.openPdf.execute(req.ctx, req.data.agreementId);
  }

  @HandleRequest(printPdfChunk)
  chunk(req: BusRequest<RequestOf<typeof printPdfChunk>>) {
    return this.readChunk.execute(req.ctx, req.data);
  }

  @HandleRequest(printRerender)
  rerender(req: BusRequest<RequestOf<typeof printRerender>>) {
    return this.rerenderRecord.execute(req.ctx.principal, req.data.agreementId);
  }
}
