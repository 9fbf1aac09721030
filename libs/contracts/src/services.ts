/** The six back-end services behind the gateway, named as in the design card. */
export const SERVICE_NAMES = [
  'identity',
  'recruiting',
  'signing',
  'review',
  'printing',
  'dispatch-sync',
] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
