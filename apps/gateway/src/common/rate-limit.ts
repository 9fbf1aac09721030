import rateLimit from '@fastify/rate-limit';
import { DEFAULT_ERROR_MESSAGE, ErrorCode } from '@netsign/contracts';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';

/**
 * Rate limits with counters in Redis, so a limit holds across every gateway replica. A global
 * per-address limit (`RATE_LIMIT_PER_MINUTE`); routes add their own with `@RateLimited(...)`
 * (rate-limit.guard.ts), each from a gateway variable.
 */
export async function registerRateLimit(
  fastify: FastifyInstance,
  options: { redisUrl: string; namespace: string; perMinute: number },
): Promise<Redis> {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 2 });
  // Reconnects by itself; meanwhile skipOnError lets requests through.
  redis.on('error', (err) => fastify.log.warn({ err }, 'rate limit: redis error'));
  await fastify.register(rateLimit, {
    global: true,
    max: options.perMinute,
    timeWindow: 60_000,
    redis,
    nameSpace: `${options.namespace}rl:`,
    // Redis briefly unreachable must not take the whole API down.
    skipOnError: true,
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      code: ErrorCode.RATE_LIMITED,
      message: DEFAULT_ERROR_MESSAGE.RATE_LIMITED,
      details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
    }),
  });
  fastify.addHook('onClose', async () => {
    await redis.quit().catch(() => undefined);
  });
  return redis;
}
