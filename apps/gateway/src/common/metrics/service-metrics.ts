import { randomUUID } from 'node:crypto';
import {
  healthCheck,
  Role,
  SERVICE_NAMES,
  type HealthReply,
  type ServiceName,
} from '@netsign/contracts';
import type { BusClient } from '@netsign/messaging/client';
import { Gauge } from 'prom-client';
import { metricsRegistry } from './metrics.js';

const NAMES = { up: 'netsign_service_up', parked: 'netsign_parked_events' } as const;
const SCRAPE_TIMEOUT_MS = 1_500;

/**
 * Each service's health as gauges: whether it answered (and its database and NATS are up), and
 * how many events its consumers parked that operators have not replayed yet — an event parked is
 * an effect that did not happen (a review task, a print, a dispatch record): alert on > 0.
 */
export function registerServiceMetrics(bus: BusClient): void {
  let inflight: Promise<Map<ServiceName, HealthReply | null>> | null = null;
  const replies = () =>
    (inflight ??= Promise.all(
      SERVICE_NAMES.map(async (service) => {
        const ctx = {
          principal: { userId: 'gateway', role: Role.SERVICE },
          correlationId: `metrics-${randomUUID()}`,
        };
        const reply = await bus
          .request(healthCheck[service], {}, ctx, { timeoutMs: SCRAPE_TIMEOUT_MS })
          .catch(() => null);
        return [service, reply] as const;
      }),
    )
      .then((pairs) => new Map(pairs))
      .finally(() => {
        inflight = null;
      }));

  for (const name of Object.values(NAMES)) metricsRegistry.removeSingleMetric(name);
  new Gauge({
    name: NAMES.up,
    help: 'Whether the service answered its health check with its database and NATS up (1) or not (0)',
    labelNames: ['service'],
    registers: [metricsRegistry],
    async collect() {
      for (const [service, reply] of await replies())
        this.set({ service }, reply?.status === 'up' ? 1 : 0);
    },
  });
  new Gauge({
    name: NAMES.parked,
    help: 'Events parked by the service’s consumers and not replayed yet (GET /api/ops/parked-events/{service})',
    labelNames: ['service'],
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const [service, reply] of await replies()) {
        if (typeof reply?.parkedEvents === 'number') this.set({ service }, reply.parkedEvents);
      }
    },
  });
}
