import { connect, type NatsConnection } from '@nats-io/transport-node';
import { natsServers } from '@netsign/config';

/** `url` is NATS_URL: one server, or the servers of a cluster comma-separated (any one will do). */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  return connect({
    servers: natsServers(url),
    name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    // By default nats.js builds two Error objects (stack traces) for every request, in case it
    // fails: ~9% of a service's CPU under load. Our errors name subject and service instead.
    noAsyncTraces: true,
  });
}
export type { NatsConnection };
