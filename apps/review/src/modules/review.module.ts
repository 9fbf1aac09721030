import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AgreementEventsSubscriber } from './agreements/agreement-events.subscriber.js';
import { AgreementProjectionRepository } from './agreements/agreement-projection.repository.js';
import { UploadsRepository } from './files/uploads.repository.js';
import { ReceivePartUseCase } from './files/use-cases/receive-part.use-case.js';
import { StoreUploadsUseCase } from './files/use-cases/store-uploads.use-case.js';
import { IdentityClient } from './integration/identity.client.js';
import { PaperFormRepository } from './paper-forms/paper-form.repository.js';
import { PaperFormsUseCase } from './paper-forms/paper-forms.use-case.js';
import { QualificationDocumentRepository } from './qualification-documents/qualification-document.repository.js';
import { QualificationDocumentsUseCase } from './qualification-documents/qualification-documents.use-case.js';
import { reviewEntities } from './review.entities.js';
import { ReviewNatsController } from './review.nats.controller.js';
import { ReviewTaskRepository } from './review-tasks/review-task.repository.js';
import { DecideReviewUseCase } from './review-tasks/use-cases/decide-review.use-case.js';
import { ReadReviewTasksUseCase } from './review-tasks/use-cases/read-review-tasks.use-case.js';
import { TerminationAccess } from './terminations/termination-access.js';
import { TerminationRepository } from './terminations/termination.repository.js';
import { ApplyTerminationUseCase } from './terminations/use-cases/apply-termination.use-case.js';
import { DecideTerminationUseCase } from './terminations/use-cases/decide-termination.use-case.js';
import { ReadTerminationsUseCase } from './terminations/use-cases/read-terminations.use-case.js';
import { TerminationsNatsController } from './terminations.nats.controller.js';

/** Review tasks, qualification documents, terminations and paper forms, fed by signing's agreement events. */
@Module({
  imports: [TypeOrmModule.forFeature(reviewEntities)],
  controllers: [ReviewNatsController, TerminationsNatsController],
  providers: [
    AgreementProjectionRepository,
    ReviewTaskRepository,
    UploadsRepository,
    QualificationDocumentRepository,
    TerminationRepository,
    PaperFormRepository,
    IdentityClient,
    TerminationAccess,
    ReceivePartUseCase,
    StoreUploadsUseCase,
    QualificationDocumentsUseCase,
    ReadReviewTasksUseCase,
    DecideReviewUseCase,
    ApplyTerminationUseCase,
    DecideTerminationUseCase,
    ReadTerminationsUseCase,
    PaperFormsUseCase,
    AgreementEventsSubscriber,
  ],
})
export class ReviewModule {}
