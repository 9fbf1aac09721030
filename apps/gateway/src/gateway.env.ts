import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

export const gatewayEnvSchema = commonEnvSchema
  .omit({ DATABASE_URL: true, DB_POOL_SIZE: true, OUTBOX_SWEEP_MS: true, EVENT_ACK_WAIT_MS: true, EVENT_MAX_DELIVER: true })
  .extend({
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    GATEWAY_HOST: z.string().default('0.0.0.0'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
    /** Requests per minute per client address, across all gateway replicas (Redis). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
    /** Largest request body (uploads are 10 MB at most; multipart overhead on top). */
    BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(11 * 1024 * 1024),
    TRUST_PROXY: z.stringbool().default(false),
    /** The web portal's build (index.html + assets/); default dist/apps/portal beside the gateway's. */
    PORTAL_DIR: z.string().min(1).optional(),
    /**
     * Bearer token Prometheus must send to read /api/metrics (route latencies, queue depths, the
     * dispatch backlog — each scrape also asks dispatch-sync). Required in production; without it
     * elsewhere the endpoint is open, for development.
     */
    METRICS_TOKEN: z.string().min(16).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.METRICS_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['METRICS_TOKEN'], message: 'required in production' });
    }
  });
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
