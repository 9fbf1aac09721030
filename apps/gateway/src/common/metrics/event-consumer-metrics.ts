import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { SERVICE_NAMES } from '@netsign/contracts';
import type { BusNames, NatsConnection } from '@netsign/messaging/client';
import { Gauge } from 'prom-client';
import { metricsRegistry } from './metrics.js';

const NAMES = {
  pending: 'netsign_event_consumer_pending',
  ackPending: 'netsign_event_consumer_ack_pending',
  redelivered: 'netsign_event_consumer_redelivered',
} as const;
/** A scrape must not wait long on JetStream. */
const SCRAPE_TIMEOUT_MS = 1_500;

interface ConsumerLag {
  stream: string;
  consumer: string;
  pending: number;
  ackPending: number;
  redelivered: number;
}

/**
 * How far each durable event consumer is behind its publisher's stream, from JetStream itself:
 * events not yet delivered (`pending`), delivered and not yet acked (`ack_pending`), delivered
 * more than once (`redelivered`). A consumer whose pending count keeps growing is a service that
 * cannot keep up (or is down): review tasks, prints, dispatch records and statistics lag with it.
 */
export function registerEventConsumerMetrics(nc: NatsConnection, names: BusNames): void {
  let jsm: Promise<JetStreamManager> | null = null;
  let inflight: Promise<ConsumerLag[]> | null = null;
  const lags = (): Promise<ConsumerLag[]> =>
    (inflight ??= (async () => {
      jsm ??= jetstreamManager(nc);
      const manager = await jsm;
      const all: ConsumerLag[] = [];
      for (const service of SERVICE_NAMES) {
        const stream = names.stream(service);
        try {
          for await (const info of manager.consumers.list(stream)) {
            all.push({
              stream,
              consumer: info.name,
              pending: info.num_pending,
              ackPending: info.num_ack_pending,
              redelivered: info.num_redelivered,
            });
          }
        } catch {
          // No stream yet (nothing published by that service so far): nothing to report.
        }
      }
      return all;
    })()
      .catch(() => [])
      .finally(() => {
        inflight = null;
      }));

  for (const name of Object.values(NAMES)) metricsRegistry.removeSingleMetric(name);
  const gauge = (name: string, help: string, pick: (l: ConsumerLag) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['stream', 'consumer'],
      registers: [metricsRegistry],
      async collect() {
        const all = await withTimeout(lags()).catch(() => [] as ConsumerLag[]);
        this.reset();
        for (const l of all) this.set({ stream: l.stream, consumer: l.consumer }, pick(l));
      },
    });
  gauge(
    NAMES.pending,
    'Events in the stream not yet delivered to this durable consumer',
    (l) => l.pending,
  );
  gauge(
    NAMES.ackPending,
    'Events delivered to this consumer and not yet acked',
    (l) => l.ackPending,
  );
  gauge(
    NAMES.redelivered,
    'Events delivered to this consumer more than once, now unacked',
    (l) => l.redelivered,
  );
}

function withTimeout<T>(p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error('timeout')), SCRAPE_TIMEOUT_MS).unref(),
    ),
  ]);
}
