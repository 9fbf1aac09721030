import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { DispatchRecords1764290000000 } from './migrations/1764290000000-DispatchRecords.js';
import { Statistics1764300000000 } from './migrations/1764300000000-Statistics.js';
import { AuditAnchors1764320000000 } from './migrations/1764320000000-AuditAnchors.js';
import { DestinationRecords1764400000000 } from './migrations/1764400000000-DestinationRecords.js';

/** In the order they apply; a landed migration is never edited, a new one is appended. */
export const dispatchSyncMigrations = [
  Init1764280000000,
  DispatchRecords1764290000000,
  Statistics1764300000000,
  AuditAnchors1764320000000,
  DestinationRecords1764400000000,
];
