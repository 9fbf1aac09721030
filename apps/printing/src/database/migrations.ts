import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { PrintRecords1764300000000 } from './migrations/1764300000000-PrintRecords.js';
import { SignedPdfs1764320000000 } from './migrations/1764320000000-SignedPdfs.js';
import { AuditChain1764320000100 } from './migrations/1764320000100-AuditChain.js';

/** In the order they apply; a landed migration is never edited, a new one is appended. */
export const printingMigrations = [
  Init1764280000000,
  PrintRecords1764300000000,
  SignedPdfs1764320000000,
  AuditChain1764320000100,
];
