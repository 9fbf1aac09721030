import {
  applyDecorators,
  Injectable,
  SetMetadata,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const ADDRESS_LIMIT = 'netsign:address-limit';
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * A second, per-address limit on a route whose `@RouteConfig` rate limit is per account (Fastify's
 * route config holds one limit only). Counters live in the same Redis store, so they hold across
 * replicas; exceeding answers 429 RATE_LIMITED.
 */
export const AddressRateLimit = (maxPerMinute: number) =>
  applyDecorators(SetMetadata(ADDRESS_LIMIT, maxPerMinute), UseGuards(AddressRateLimitGuard));

@Injectable()
export class AddressRateLimitGuard implements CanActivate {
  private readonly limiters = new Map<number, Limiter>();

  constructor(
    private readonly reflector: Reflector,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const max = this.reflector.get<number | undefined>(ADDRESS_LIMIT, context.getHandler());
    if (!max) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const result = await this.limiter(max)(request);
    if (!result.isAllowed && result.isExceeded) {
      throw new ServiceError(ErrorCode.RATE_LIMITED, undefined, {
        retryAfterSeconds: result.ttlInSeconds,
      });
    }
    return true;
  }

  private limiter(max: number): Limiter {
    let limiter = this.limiters.get(max);
    if (!limiter) {
      const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
      limiter = fastify.createRateLimit({
        max,
        timeWindow: 60_000,
        skipOnError: true,
        keyGenerator: (req) => `${req.routeOptions.url}:address:${req.ip}`,
      });
      this.limiters.set(max, limiter);
    }
    return limiter;
  }
}
