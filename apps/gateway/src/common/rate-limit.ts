import rateLimit from '@fastify/rate-limit';
import { DEFAULT_ERROR_MESSAGE, ErrorCode } from '@netsign/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';

/**
 * Rate limits with counters in Redis, so a limit holds across every gateway replica. A global
 * per-address limit; routes tighten it with `@RouteConfig({ rateLimit: {...} })`, e.g. per account.
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

/** Key for per-account limits: the username or other account field of the body, plus the route. */
export function accountKey(field: string) {
  return (req: FastifyRequest): string => {
    const body = req.body as Record<string, unknown> | undefined;
    const value = typeof body?.[field] === 'string' ? (body[field] as string).toLowerCase() : '-';
    return `${req.routeOptions.url}:account:${value}`;
  };
}

/**
 * Key for per-account limits on routes of a signed-in caller: the subject (user id) of the bearer
 * token, plus the route. Rate limits run before the guard verifies the token, so the subject is
 * read unverified: a forged token can at worst spend someone's attempts for a minute, as a
 * username does on login; it cannot get past the guard.
 */
export function tokenSubjectKey() {
  return (req: FastifyRequest): string => {
    const header = req.headers.authorization;
    let subject = '-';
    try {
      const payload = header?.startsWith('Bearer ')
        ? header.slice(7).trim().split('.')[1]
        : undefined;
      const sub = payload
        ? (JSON.parse(Buffer.from(payload, 'base64url').toString()) as { sub?: unknown }).sub
        : undefined;
      if (typeof sub === 'string' && sub.length <= 128) subject = sub;
    } catch {
      // not a JWT: all such callers share one bucket, and the guard refuses them anyway
    }
    return `${req.routeOptions.url}:account:${subject}`;
  };
}
