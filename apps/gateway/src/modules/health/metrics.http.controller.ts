import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Headers, Inject, Res } from '@nestjs/common';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/access.decorators.js';
import { metricsRegistry } from '../../common/metrics/metrics.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';
import type { GatewayEnv } from '../../gateway.env.js';
import { GATEWAY_ENV } from '../../gateway.tokens.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus scrapes here. Not a user's route (no JWT): with METRICS_TOKEN set, the scraper sends
 * it as a bearer token, compared in constant time; without it (development only) it is open.
 */
@Area('health')
@Controller('metrics')
export class MetricsHttpController {
  private readonly expected: Buffer | null;

  constructor(@Inject(GATEWAY_ENV) env: GatewayEnv) {
    this.expected = env.METRICS_TOKEN ? digest(env.METRICS_TOKEN) : null;
  }

  @Get()
  @Public()
  @Endpoint({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (bearer METRICS_TOKEN when configured; not a user’s route)',
    response: { file: ['text/plain'], description: 'Prometheus 文本格式' },
    errors: [ErrorCode.UNAUTHENTICATED],
  })
  metrics(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    if (this.expected) {
      const given = authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : '';
      if (!timingSafeEqual(digest(given), this.expected))
        throw new ServiceError(ErrorCode.UNAUTHENTICATED);
    }
    // Set here, not by @Header: a refusal above must still go out as the JSON error body.
    void reply.header('content-type', metricsRegistry.contentType);
    return metricsRegistry.metrics();
  }
}
