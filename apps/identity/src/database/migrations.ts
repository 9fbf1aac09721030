import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { SigningKeys1764280000100 } from './migrations/1764280000100-SigningKeys.js';
import { Identity1764280000200 } from './migrations/1764280000200-Identity.js';
import { IdentityInboxParties1764280000300 } from './migrations/1764280000300-IdentityInboxParties.js';
import { StaffDeactivation1764280000400 } from './migrations/1764280000400-StaffDeactivation.js';
import { GraduateDestination1764280000500 } from './migrations/1764280000500-GraduateDestination.js';
import { SessionVersions1764280000600 } from './migrations/1764280000600-SessionVersions.js';

/** In the order they apply; a landed migration is never edited, a new one is appended. */
export const identityMigrations = [
  Init1764280000000,
  SigningKeys1764280000100,
  Identity1764280000200,
  IdentityInboxParties1764280000300,
  StaffDeactivation1764280000400,
  GraduateDestination1764280000500,
  SessionVersions1764280000600,
];
