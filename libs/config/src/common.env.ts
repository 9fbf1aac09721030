import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    `must be a URL with scheme ${protocols.join(' or ')}`,
  );

/** Servers of one NATS cluster, comma-separated; the client connects to any and fails over. */
export function natsServers(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

const natsUrlList = z.string().refine((value) => {
  const servers = natsServers(value);
  return (
    servers.length > 0 &&
    servers.every((server) => {
      try {
        return ['nats:', 'tls:'].includes(new URL(server).protocol);
      } catch {
        return false;
      }
    })
  );
}, 'must be one or more URLs with scheme nats: or tls:, comma-separated');

/** Variables every service reads (API.md, "Configuration"). */
export const commonEnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).default(
    'postgres://postgres@127.0.0.1:5432/employment',
  ),
  NATS_URL: natsUrlList.default('nats://127.0.0.1:4222'),
  /**
   * Copies of every event stream and durable consumer JetStream keeps: 1 on one server, 3 in a
   * three-node cluster (survives the loss of one node). Streams and consumers are brought to
   * this count at boot.
   */
  JETSTREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  REDIS_URL: url(['redis:', 'rediss:']).default('redis://127.0.0.1:6379'),
  /** Isolates subjects and streams of one deployment or test run from another on one NATS. */
  BUS_PREFIX: z
    .string()
    .regex(/^[a-z0-9]*$/, 'lowercase letters and digits only')
    .default(''),
  /** How long a request over NATS may take before the caller gets UPSTREAM_UNAVAILABLE. */
  BUS_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** JetStream redelivery of an unacknowledged event (a consumer died mid-way). */
  EVENT_ACK_WAIT_MS: z.coerce.number().int().positive().default(30_000),
  EVENT_MAX_DELIVER: z.coerce.number().int().min(2).default(8),
  /** Safety sweep of the outbox, in case a NOTIFY was missed; not the normal path. */
  OUTBOX_SWEEP_MS: z.coerce.number().int().positive().default(5_000),
  DB_POOL_SIZE: z.coerce.number().int().positive().default(10),
  /**
   * If set, the process answers `GET /livez` and `GET /readyz` on this port (Kubernetes probes,
   * deploy/k8s). Unset: no HTTP listener. The gateway has `GET /api/health` instead.
   */
  HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
});
export type CommonEnv = z.infer<typeof commonEnvSchema>;
