import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

const limit = (perWindow: number) => z.coerce.number().int().positive().default(perWindow);

export const gatewayEnvSchema = commonEnvSchema
  .omit({
    DATABASE_URL: true,
    DB_POOL_SIZE: true,
    HEALTH_PORT: true,
    OUTBOX_SWEEP_MS: true,
    EVENT_ACK_WAIT_MS: true,
    EVENT_MAX_DELIVER: true,
  })
  .extend({
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    GATEWAY_HOST: z.string().default('0.0.0.0'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
    /** Requests per minute per client address, across all gateway replicas (Redis). */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(1200),
    /**
     * The longest `exp - iat` an access token may have; a longer one is refused whatever key
     * signed it (identity issues JWT_TTL_SECONDS, at most a day). Revocations are remembered for a
     * day, so this must not exceed it.
     */
    TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().min(60).max(86_400).default(86_400),
    /**
     * Route limits (see common/rate-limit.guard.ts), per minute unless named otherwise. The
     * per-address ones are generous: a university's students usually reach the API through one
     * campus NAT address, and must not lock each other out on the first morning of the season.
     * Guessing is stopped by the per-account and per-session limits instead.
     */
    LOGIN_LIMIT_PER_ACCOUNT: limit(10),
    LOGIN_LIMIT_PER_ADDRESS: limit(600),
    WECHAT_LOGIN_LIMIT_PER_ADDRESS: limit(1200),
    /** Binding attempts of one WeChat session (one WeChat account: the token subject). */
    BIND_LIMIT_PER_SESSION: limit(10),
    BIND_LIMIT_PER_SESSION_PER_DAY: limit(30),
    BIND_LIMIT_PER_ADDRESS: limit(600),
    /**
     * Mismatches on one roster record (school + student number) per hour, from anyone. Past it a
     * mismatch answers 429 and is logged as a warning; a matching attempt still binds, so a
     * stranger cannot lock the graduate out.
     */
    BIND_MISMATCH_LIMIT_PER_RECORD_PER_HOUR: limit(10),
    PASSWORD_CHANGE_LIMIT_PER_ACCOUNT: limit(10),
    EMPLOYER_REGISTRATION_LIMIT_PER_ADDRESS: limit(20),
    VERIFY_LIMIT_PER_ADDRESS: limit(300),
    /** `POST /api/verify/file` per address: each upload is up to 10 MB read and hashed. */
    VERIFY_FILE_LIMIT_PER_ADDRESS: limit(60),
    /** Largest request body (uploads are 10 MB at most; multipart overhead on top). */
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(11 * 1024 * 1024),
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
