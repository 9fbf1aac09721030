import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { Agreements1764290000000 } from './migrations/1764290000000-Agreements.js';
import { PartyProjections1764300000000 } from './migrations/1764300000000-PartyProjections.js';
import { QrCardVoiding1764310000000 } from './migrations/1764310000000-QrCardVoiding.js';
import { AuditChain1764320000000 } from './migrations/1764320000000-AuditChain.js';
import { StandardCodes1764330000000 } from './migrations/1764330000000-StandardCodes.js';

/** In the order they apply; a landed migration is never edited, a new one is appended. */
export const signingMigrations = [
  Init1764280000000,
  Agreements1764290000000,
  PartyProjections1764300000000,
  QrCardVoiding1764310000000,
  AuditChain1764320000000,
  StandardCodes1764330000000,
];
