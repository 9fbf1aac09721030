import { Controller, Get, Res } from '@nestjs/common';
import {
  healthCheck,
  healthView,
  SERVICE_NAMES,
  type RequestContext,
  type ServiceName,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

type Status = 'up' | 'down';

@Area('health')
@Controller('health')
export class HealthHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Public()
  @Endpoint({
    operationId: 'getHealth',
    summary: 'Health of every service; 503 naming the ones that are down',
    response: healthView,
    alsoAnswers: { 503: { description: '有服务不可用（down 列出）', schema: healthView } },
  })
  async health(@Ctx() ctx: RequestContext, @Res({ passthrough: true }) reply: FastifyReply) {
    const entries = await Promise.all(
      SERVICE_NAMES.map(async (service): Promise<[ServiceName, Status]> => {
        const status = await this.bus
          .request(healthCheck[service], {}, ctx, { timeoutMs: 2_000 })
          .then(
            (r) => (r.status === 'up' ? 'up' : 'down'),
            () => 'down' as const,
          );
        return [service, status];
      }),
    );
    const services = Object.fromEntries(entries) as Record<ServiceName, Status>;
    const down = entries.filter(([, s]) => s === 'down').map(([name]) => name);
    if (down.length > 0) void reply.status(503);
    return {
      status: down.length === 0 ? 'up' : 'down',
      services,
      ...(down.length ? { down } : {}),
    };
  }
}
