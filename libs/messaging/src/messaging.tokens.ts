import type { ServiceName } from '@netsign/contracts';
import type { CommonEnv } from '@netsign/config';

export const NATS_CONNECTION = Symbol('netsign:nats-connection');
export const MESSAGING_OPTIONS = Symbol('netsign:messaging-options');

export interface MessagingOptions {
  service: ServiceName;
  env: Pick<
    CommonEnv,
    | 'DATABASE_URL'
    | 'NATS_URL'
    | 'JETSTREAM_REPLICAS'
    | 'BUS_PREFIX'
    | 'BUS_REQUEST_TIMEOUT_MS'
    | 'EVENT_ACK_WAIT_MS'
    | 'EVENT_MAX_DELIVER'
    | 'OUTBOX_SWEEP_MS'
  >;
  /** Postgres schema of the service (for the outbox channel and relay lock). */
  schema: string;
}
