import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccountsModule } from '../accounts/accounts.module.js';
import { DepartmentEntity } from '../accounts/department.entity.js';
import { SchoolEntity } from '../accounts/school.entity.js';
import { GraduateEntity } from './graduate.entity.js';
import { RosterUploadPartEntity } from './roster-upload-part.entity.js';
import { GraduatesRepository } from './graduates.repository.js';
import { RosterUploadsService } from './roster-uploads.service.js';
import { RosterNatsController } from './roster.nats.controller.js';
import { CounsellorAssignmentUseCase } from './use-cases/counsellor-assignment.use-case.js';
import { GraduateQueriesUseCase } from './use-cases/graduate-queries.use-case.js';
import { ImportRosterUseCase } from './use-cases/import-roster.use-case.js';
import { ListGraduatesUseCase } from './use-cases/list-graduates.use-case.js';
import { DestinationEventsSubscriber } from './destination-events.subscriber.js';

@Module({
  imports: [
    AccountsModule,
    TypeOrmModule.forFeature([
      GraduateEntity,
      RosterUploadPartEntity,
      SchoolEntity,
      DepartmentEntity,
    ]),
  ],
  controllers: [RosterNatsController],
  providers: [
    GraduatesRepository,
    RosterUploadsService,
    ImportRosterUseCase,
    ListGraduatesUseCase,
    GraduateQueriesUseCase,
    CounsellorAssignmentUseCase,
    DestinationEventsSubscriber,
  ],
  exports: [GraduatesRepository, GraduateQueriesUseCase, ImportRosterUseCase],
})
export class RosterModule {}
