import { Init1764280000000 } from './migrations/1764280000000-Init.js';
import { Recruiting1764290000000 } from './migrations/1764290000000-Recruiting.js';
import { PositionRevisions1764300000000 } from './migrations/1764300000000-PositionRevisions.js';
import { ApplicationApplicant1764340000000 } from './migrations/1764340000000-ApplicationApplicant.js';

/** In the order they apply; a landed migration is never edited, a new one is appended. */
export const recruitingMigrations = [
  Init1764280000000,
  Recruiting1764290000000,
  PositionRevisions1764300000000,
  ApplicationApplicant1764340000000,
];
