import { AuditAnchorEntity } from './audit-anchors/audit-anchor.entity.js';
import { DispatchRecordEntity } from './delivery/dispatch-record.entity.js';
import {
  StatsCounterEntity,
  StatsGraduateEntity,
  StatsSnapshotEntity,
  StatsUnitEntity,
} from './statistics/statistics.entities.js';

/** One entity per table of schema `dispatch_sync` (outbox, inbox and parked events are libs/messaging's). */
export const dispatchSyncEntities = [
  DispatchRecordEntity,
  StatsGraduateEntity,
  StatsUnitEntity,
  StatsCounterEntity,
  StatsSnapshotEntity,
  AuditAnchorEntity,
];
