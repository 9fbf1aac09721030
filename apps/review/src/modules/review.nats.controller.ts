import { Controller } from '@nestjs/common';
import {
  fileUploadPart,
  qualificationDocumentContent,
  qualificationDocumentDelete,
  qualificationDocumentOwnContent,
  qualificationDocumentsOfAgreement,
  qualificationDocumentsOwn,
  qualificationDocumentUpload,
  reviewDecide,
  reviewTaskGet,
  reviewTaskList,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { ReceivePartUseCase } from './files/use-cases/receive-part.use-case.js';
import { QualificationDocumentsUseCase } from './qualification-documents/qualification-documents.use-case.js';
import { DecideReviewUseCase } from './review-tasks/use-cases/decide-review.use-case.js';
import { ReadReviewTasksUseCase } from './review-tasks/use-cases/read-review-tasks.use-case.js';

/** Thin transport for uploads, qualification documents and review tasks: one use-case per request. */
@Controller()
export class ReviewNatsController {
  constructor(
    private readonly parts: ReceivePartUseCase,
    private readonly documents: QualificationDocumentsUseCase,
    private readonly tasks: ReadReviewTasksUseCase,
    private readonly decide: DecideReviewUseCase,
  ) {}

  @HandleRequest(fileUploadPart)
  part({ ctx, data }: BusRequest<RequestOf<typeof fileUploadPart>>) {
    return this.parts.execute(ctx.principal, data);
  }

  @HandleRequest(qualificationDocumentUpload)
  upload({ ctx, data }: BusRequest<RequestOf<typeof qualificationDocumentUpload>>) {
    return this.documents.upload(ctx.principal, data.kind, data.file);
  }

  @HandleRequest(qualificationDocumentsOwn)
  ownDocuments({ ctx }: BusRequest<RequestOf<typeof qualificationDocumentsOwn>>) {
    return this.documents.own(ctx.principal);
  }

  @HandleRequest(qualificationDocumentOwnContent)
  ownDocumentContent({ ctx, data }: BusRequest<RequestOf<typeof qualificationDocumentOwnContent>>) {
    return this.documents.ownContent(ctx.principal, data.documentId, data.seq);
  }

  @HandleRequest(qualificationDocumentDelete)
  deleteDocument({ ctx, data }: BusRequest<RequestOf<typeof qualificationDocumentDelete>>) {
    return this.documents.delete(ctx.principal, data.documentId);
  }

  @HandleRequest(qualificationDocumentsOfAgreement)
  agreementDocuments({
    ctx,
    data,
  }: BusRequest<RequestOf<typeof qualificationDocumentsOfAgreement>>) {
    return this.documents.ofAgreement(ctx.principal, data.agreementId);
  }

  @HandleRequest(qualificationDocumentContent)
  documentContent({ ctx, data }: BusRequest<RequestOf<typeof qualificationDocumentContent>>) {
    return this.documents.content(ctx.principal, data.agreementId, data.documentId, data.seq);
  }

  @HandleRequest(reviewTaskList)
  list({ ctx, data }: BusRequest<RequestOf<typeof reviewTaskList>>) {
    return this.tasks.list(ctx.principal, data);
  }

  @HandleRequest(reviewTaskGet)
  get({ ctx, data }: BusRequest<RequestOf<typeof reviewTaskGet>>) {
    return this.tasks.get(ctx.principal, data.taskId);
  }

  @HandleRequest(reviewDecide)
  review({ ctx, data }: BusRequest<RequestOf<typeof reviewDecide>>) {
    return this.decide.execute(ctx.principal, data);
  }
}
