import { Controller } from '@nestjs/common';
import { pdfFileVerify, type BusRequest, type RequestOf } from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { VerifyPdfFileUseCase } from './verify-pdf-file.use-case.js';

/** The public check of a downloaded agreement PDF (the gateway hashes the upload; the file stays there). */
@Controller()
export class PdfFileVerificationNatsController {
  constructor(private readonly verifyFile: VerifyPdfFileUseCase) {}

  @HandleRequest(pdfFileVerify)
  verify(req: BusRequest<RequestOf<typeof pdfFileVerify>>) {
    return this.verifyFile.execute(req.data);
  }
}
