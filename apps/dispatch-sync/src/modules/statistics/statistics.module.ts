import { Module } from '@nestjs/common';
import { SnapshotSchedule } from './snapshot-schedule.js';
import { StatisticsNatsController } from './statistics.nats.controller.js';
import { StatisticsRepository } from './statistics.repository.js';
import {
  AgreementStatisticsSubscriber,
  RosterStatisticsSubscriber,
} from './statistics.subscribers.js';

@Module({
  controllers: [StatisticsNatsController],
  providers: [
    StatisticsRepository,
    RosterStatisticsSubscriber,
    AgreementStatisticsSubscriber,
    SnapshotSchedule,
  ],
})
export class StatisticsModule {}
