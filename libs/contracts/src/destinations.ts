/** A graduate's destination (毕业去向), as API.md names them; signing owns each graduate's. */
export const DESTINATIONS = [
  'AWAITING_EMPLOYMENT',
  'SIGNED_ONLINE',
  'SIGNED_OFFLINE',
  'FURTHER_STUDY',
  'OTHER',
] as const;
export type Destination = (typeof DESTINATIONS)[number];
