import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { RosterModule } from '../roster/roster.module.js';
import { CorrectionsRepository } from './corrections.repository.js';
import { SourceInfoCorrectionEntity } from './source-info-correction.entity.js';
import { SourceInfoNatsController } from './source-info.nats.controller.js';
import { ConfirmSourceInfoUseCase } from './use-cases/confirm-source-info.use-case.js';
import { DecideCorrectionUseCase } from './use-cases/decide-correction.use-case.js';
import { GetMeUseCase } from './use-cases/get-me.use-case.js';
import { RequestCorrectionUseCase } from './use-cases/request-correction.use-case.js';

@Module({
  imports: [AccountsModule, RosterModule, TypeOrmModule.forFeature([SourceInfoCorrectionEntity])],
  controllers: [SourceInfoNatsController],
  providers: [
    CorrectionsRepository,
    GetMeUseCase,
    ConfirmSourceInfoUseCase,
    RequestCorrectionUseCase,
    DecideCorrectionUseCase,
  ],
})
export class SourceInfoModule {}
