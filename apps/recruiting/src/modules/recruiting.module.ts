import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationsRepository } from './applications/applications.repository.js';
import { ApplicationsUseCase } from './applications/applications.use-case.js';
import { InterviewsRepository } from './interviews/interviews.repository.js';
import { InterviewsUseCase } from './interviews/interviews.use-case.js';
import { OfferExpirySweep } from './offers/offer-expiry.js';
import { OffersRepository } from './offers/offers.repository.js';
import { OffersUseCase } from './offers/offers.use-case.js';
import { SigningEventsSubscriber } from './offers/signing-events.subscriber.js';
import { PositionsRepository } from './positions/positions.repository.js';
import { PositionsUseCase } from './positions/positions.use-case.js';
import { recruitingEntities } from './recruiting.entities.js';
import { RecruitingNatsController } from './recruiting.nats.controller.js';

@Module({
  imports: [TypeOrmModule.forFeature(recruitingEntities)],
  controllers: [RecruitingNatsController],
  providers: [
    PositionsRepository,
    ApplicationsRepository,
    InterviewsRepository,
    OffersRepository,
    PositionsUseCase,
    ApplicationsUseCase,
    InterviewsUseCase,
    OffersUseCase,
    OfferExpirySweep,
    SigningEventsSubscriber,
  ],
})
export class RecruitingModule {}
