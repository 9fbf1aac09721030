import { Module } from '@nestjs/common';
import { ApplicationsUseCase } from './applications/applications.use-case.js';
import { InterviewsUseCase } from './interviews/interviews.use-case.js';
import { OfferExpirySweep } from './offers/offer-expiry.js';
import { OffersUseCase } from './offers/offers.use-case.js';
import { SigningEventsSubscriber } from './offers/signing-events.subscriber.js';
import { PositionsUseCase } from './positions/positions.use-case.js';
import { RecruitingNatsController } from './recruiting.nats.controller.js';

@Module({
  controllers: [RecruitingNatsController],
  providers: [
    PositionsUseCase,
    ApplicationsUseCase,
    InterviewsUseCase,
    OffersUseCase,
    OfferExpirySweep,
    SigningEventsSubscriber,
  ],
})
export class RecruitingModule {}
