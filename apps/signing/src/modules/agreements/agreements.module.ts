import { Module } from '@nestjs/common';
import { DestinationWriter } from '../destinations/destination-writer.js';
import { GraduateProjectionRepository } from '../destinations/graduate-projection.repository.js';
import { ChangeDestinationUseCase } from '../destinations/use-cases/change-destination.use-case.js';
import { ListDestinationsUseCase } from '../destinations/use-cases/list-destinations.use-case.js';
import { IdentityClient } from '../integration/identity.client.js';
import { IdentityEventsSubscriber } from '../integration/identity-events.subscriber.js';
import { RecruitingClient } from '../integration/recruiting.client.js';
import { ReviewEventsSubscriber } from '../integration/review-events.subscriber.js';
import { QrCardRepository } from '../qr-cards/qr-card.repository.js';
import { IssueQrCardUseCase } from '../qr-cards/use-cases/issue-qr-card.use-case.js';
import {
  EmployerEventsSubscriber,
  PositionEventsSubscriber,
} from '../parties/party-events.subscribers.js';
import { PartyProjectionRepository } from '../parties/party-projection.repository.js';
import { PartySnapshots } from '../parties/party-snapshots.js';
import { OpenQrCardUseCase } from '../qr-cards/use-cases/open-qr-card.use-case.js';
import { SignQrCardUseCase } from '../qr-cards/use-cases/sign-qr-card.use-case.js';
import { AgreementNumbers } from './agreement-numbers.js';
import { AgreementRepository } from './agreement.repository.js';
import { AgreementsNatsController } from './agreements.nats.controller.js';
import { ApplyDecisionUseCase } from './use-cases/apply-decision.use-case.js';
import { ReadAgreementsUseCase } from './use-cases/read-agreements.use-case.js';
import { SignAgreementUseCase } from './use-cases/sign-agreement.use-case.js';
import { SignDirectUseCase } from './use-cases/sign-direct.use-case.js';
import { SignOfferUseCase } from './use-cases/sign-offer.use-case.js';

/** Agreements, the three signing methods, QR cards, destinations and the events that feed them. */
@Module({
  controllers: [AgreementsNatsController],
  providers: [
    AgreementRepository,
    AgreementNumbers,
    GraduateProjectionRepository,
    QrCardRepository,
    DestinationWriter,
    IdentityClient,
    RecruitingClient,
    PartyProjectionRepository,
    PartySnapshots,
    SignAgreementUseCase,
    SignDirectUseCase,
    SignOfferUseCase,
    SignQrCardUseCase,
    IssueQrCardUseCase,
    OpenQrCardUseCase,
    ReadAgreementsUseCase,
    ApplyDecisionUseCase,
    ChangeDestinationUseCase,
    ListDestinationsUseCase,
    IdentityEventsSubscriber,
    ReviewEventsSubscriber,
    EmployerEventsSubscriber,
    PositionEventsSubscriber,
  ],
})
export class AgreementsModule {}
