import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { dispatchMetrics, Role, type RequestContext } from '@netsign/contracts';
import type { BusClient } from '@netsign/messaging/client';
import { Gauge } from 'prom-client';
import { metricsRegistry } from './metrics.js';

/** A scrape must not wait on a slow dispatch-sync for long: Prometheus times out at ~10 s. */
const SCRAPE_TIMEOUT_MS = 1_500;

/** What dispatch-sync answers to `dispatchMetrics` (the JSON of GET /api/dispatch/metrics). */
interface Backlog {
  pending?: number;
  delivering?: number;
  dead?: number;
  blockedByDead?: number;
  oldestUndeliveredAgeSeconds?: number;
}

const RECORD_STATUSES = [
  ['pending', 'pending'],
  ['delivering', 'delivering'],
  ['dead', 'dead'],
] as const satisfies ReadonlyArray<readonly [string, keyof Backlog]>;

const NAMES = {
  up: 'netsign_dispatch_up',
  records: 'netsign_dispatch_records',
  blocked: 'netsign_dispatch_records_blocked_by_dead',
  oldest: 'netsign_dispatch_oldest_undelivered_age_seconds',
} as const;

/**
 * The dispatch backlog as Prometheus gauges, asked of dispatch-sync over the bus at scrape time
 * (the same figures as GET /api/dispatch/metrics). The gauges of one scrape share one request;
 * if dispatch-sync does not answer within SCRAPE_TIMEOUT_MS, `netsign_dispatch_up` is 0, the
 * backlog gauges are emptied (the unlabelled ones read 0) and the rest of /api/metrics is served.
 */
export function registerDispatchMetrics(bus: BusClient): void {
  const logger = new Logger('DispatchMetrics');
  let inflight: Promise<Backlog | null> | null = null;
  let wasUp = true;
  // prom-client collects every metric of a scrape in the same tick: the first gauge asks, the
  // others wait for the same answer; the next scrape asks again.
  const backlog = (): Promise<Backlog | null> =>
    (inflight ??= ask(bus)
      .then(
        (answer) => {
          if (!wasUp) logger.log('dispatch-sync answers the backlog metrics again');
          wasUp = true;
          return answer;
        },
        (err: unknown) => {
          if (wasUp)
            logger.warn({ err }, 'dispatch backlog metrics unavailable (netsign_dispatch_up 0)');
          wasUp = false;
          return null;
        },
      )
      .finally(() => {
        inflight = null;
      }));

  // One set of gauges per process, bound to the latest gateway (as the print queue gauge is).
  for (const name of Object.values(NAMES)) metricsRegistry.removeSingleMetric(name);
  new Gauge({
    name: NAMES.up,
    help: 'Whether dispatch-sync answered the backlog query of this scrape (1) or not (0)',
    registers: [metricsRegistry],
    async collect() {
      this.set((await backlog()) ? 1 : 0);
    },
  });
  new Gauge({
    name: NAMES.records,
    help: 'Records of the log to the provincial dispatch system not delivered yet, by status',
    labelNames: ['status'],
    registers: [metricsRegistry],
    async collect() {
      const b = await backlog();
      this.reset();
      if (!b) return;
      for (const [status, field] of RECORD_STATUSES) {
        const n = b[field];
        if (typeof n === 'number') this.set({ status }, n);
      }
    },
  });
  new Gauge({
    name: NAMES.blocked,
    help: 'Pending records held back behind a dead record of the same graduate',
    registers: [metricsRegistry],
    async collect() {
      const b = await backlog();
      this.reset();
      if (typeof b?.blockedByDead === 'number') this.set(b.blockedByDead);
    },
  });
  new Gauge({
    name: NAMES.oldest,
    help: 'Age in seconds of the oldest record not delivered yet (pending, delivering or dead); 0 when none',
    registers: [metricsRegistry],
    async collect() {
      const b = await backlog();
      this.reset();
      if (typeof b?.oldestUndeliveredAgeSeconds === 'number')
        this.set(b.oldestUndeliveredAgeSeconds);
    },
  });
}

async function ask(bus: BusClient): Promise<Backlog> {
  // The gateway asks on its own behalf: /api/metrics is not called with a user's token.
  const ctx: RequestContext = {
    principal: { userId: 'gateway', role: Role.SERVICE },
    correlationId: `metrics-${randomUUID()}`,
  };
  const answer = await bus.request(dispatchMetrics, {}, ctx, { timeoutMs: SCRAPE_TIMEOUT_MS });
  if (typeof answer !== 'object' || answer === null)
    throw new Error('unexpected answer to the dispatch metrics query');
  return answer as Backlog;
}
