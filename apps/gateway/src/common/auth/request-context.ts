import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal, RequestContext } from '@netsign/contracts';
import type { FastifyRequest } from 'fastify';

export interface GatewayRequest {
  principal?: Principal | null;
}

/** The context forwarded with every NATS request: verified principal + correlation id. */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): RequestContext => {
  const request = context.switchToHttp().getRequest<FastifyRequest & GatewayRequest>();
  return { principal: request.principal ?? null, correlationId: String(request.id) };
});
