import { Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GatewayEnv } from '../../gateway.env.js';
import { GATEWAY_ENV } from '../../gateway.tokens.js';

const HOUR = 3_600_000;
type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Mismatched binding attempts per roster record (school + student number), from any session or
 * address, counted only after identity answered ROSTER_MISMATCH: a matching attempt is never
 * counted nor refused, so nobody can lock a graduate out of their own binding by failing on
 * purpose. Past the limit a mismatch answers 429 (not 422) and is logged as a warning — a record
 * being guessed from many sessions — while the per-session and per-address limits bound how fast
 * any one caller can guess.
 */
@Injectable()
export class RosterMismatchLimit {
  private readonly logger = new Logger('RosterMismatchLimit');
  private limiter: Limiter | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  /** Runs a binding attempt; a mismatch is counted against the record and may become 429. */
  async guard<T>(request: FastifyRequest, attempt: () => Promise<T>): Promise<T> {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof ServiceError) || err.code !== ErrorCode.ROSTER_MISMATCH) throw err;
      const counted = await this.counter()(request);
      if (!counted.isAllowed && counted.isExceeded) {
        this.logger.warn(
          { record: recordOf(request), correlationId: request.id },
          'binding mismatches on one roster record over the limit',
        );
        throw new ServiceError(ErrorCode.RATE_LIMITED, undefined, {
          retryAfterSeconds: counted.ttlInSeconds,
        });
      }
      throw err;
    }
  }

  private counter(): Limiter {
    this.limiter ??= this.adapterHost.httpAdapter.getInstance<FastifyInstance>().createRateLimit({
      max: this.env.BIND_MISMATCH_LIMIT_PER_RECORD_PER_HOUR,
      timeWindow: HOUR,
      skipOnError: true,
      keyGenerator: (req) => `${req.routeOptions.url}:mismatch:${recordOf(req)}`,
    });
    return this.limiter;
  }
}

function recordOf(req: FastifyRequest): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const part = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase().slice(0, 64) : '-');
  return `${part(body['schoolCode'])}:${part(body['studentNo'])}`;
}
