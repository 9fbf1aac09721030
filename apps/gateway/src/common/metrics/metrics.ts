import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

/** Prometheus metrics of the gateway process: defaults plus request latency per route. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: 'netsign_gateway_' });

export const httpRequestDuration = new Histogram({
  name: 'netsign_http_request_duration_seconds',
  help: 'HTTP request latency by route and status',
  labelNames: ['method', 'route', 'status'],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [metricsRegistry],
});
