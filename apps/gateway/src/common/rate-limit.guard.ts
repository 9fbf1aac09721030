import {
  applyDecorators,
  Inject,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayEnv } from '../gateway.env.js';
import { GATEWAY_ENV } from '../gateway.tokens.js';
import type { GatewayRequest } from './auth/request-context.js';

const RULES = 'netsign:rate-limit-rules';
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** The gateway variables that hold a limit (a count per window). */
export type LimitSetting = {
  [K in keyof GatewayEnv]-?: K extends `${string}_LIMIT_${string}`
    ? GatewayEnv[K] extends number
      ? K
      : never
    : never;
}[keyof GatewayEnv];

/** What a rule counts by: the client address, the signed-in caller (token subject), or a body field (an account name). */
export type LimitKey = 'address' | 'caller' | { bodyField: string };

export interface LimitRule {
  /** The variable that holds the limit, e.g. `BIND_LIMIT_PER_SESSION`. */
  setting: LimitSetting;
  per: LimitKey;
  windowMs: number;
}

/**
 * Route limits beyond the global per-address one, each from a gateway variable so an operator can
 * fit them to a campus behind one NAT address. They run as a guard, after the auth guard: a caller
 * whose role the route refuses gets 403, never 429, and `caller` counts by the verified subject.
 * Counters live in the rate limiter's Redis store, so they hold across replicas; exceeding any
 * rule answers 429 RATE_LIMITED with `details.retryAfterSeconds`.
 */
export const RateLimited = (...rules: LimitRule[]) =>
  applyDecorators(SetMetadata(RULES, rules), UseGuards(RateLimitGuard));

export const MINUTE = 60_000;

@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiters = new Map<string, Limiter>();

  constructor(
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules = this.reflector.get<LimitRule[] | undefined>(RULES, context.getHandler()) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest & GatewayRequest>();
    for (const rule of rules) {
      const result = await this.limiter(rule)(request);
      if (!result.isAllowed && result.isExceeded) {
        throw new ServiceError(ErrorCode.RATE_LIMITED, undefined, {
          retryAfterSeconds: result.ttlInSeconds,
        });
      }
    }
    return true;
  }

  private limiter(rule: LimitRule): Limiter {
    const id = `${rule.setting}:${rule.windowMs}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
      limiter = fastify.createRateLimit({
        max: this.env[rule.setting],
        timeWindow: rule.windowMs,
        skipOnError: true,
        keyGenerator: (req) =>
          `${req.routeOptions.url}:${rule.setting}:${limitKeyOf(rule.per, req as FastifyRequest & GatewayRequest)}`,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }
}

/** The part of a limit's key that names who is counted. */
export function limitKeyOf(per: LimitKey, req: FastifyRequest & GatewayRequest): string {
  if (per === 'address') return req.ip;
  if (per === 'caller') return req.principal?.userId ?? `address:${req.ip}`;
  const value = (req.body as Record<string, unknown> | undefined)?.[per.bodyField];
  return typeof value === 'string' ? value.trim().toLowerCase().slice(0, 256) : '-';
}
