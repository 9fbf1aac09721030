import { z } from 'zod';
import { principalSchema, type Principal } from './principal.js';
import type { ServiceName } from './services.js';

/** What travels with every request over NATS besides its data. */
export const requestContextSchema = z.object({
  principal: principalSchema.nullable(),
  correlationId: z.string().min(1),
});
export type RequestContext = z.infer<typeof requestContextSchema>;

export interface BusRequest<Req> {
  ctx: RequestContext;
  data: Req;
}

/**
 * A typed request-reply contract. `Res` is a compile-time promise only: replies come from our own
 * services, requests come from the edge and are validated by `request`.
 */
export interface RequestContract<Req, Res> {
  readonly service: ServiceName;
  readonly subject: string;
  readonly request: z.ZodType<Req>;
  /** Phantom field carrying the reply type. */
  readonly __response?: Res;
}

export function defineRequest<Req, Res>(def: {
  service: ServiceName;
  kind: 'cmd' | 'qry';
  entity: string;
  verb: string;
  version: number;
  request: z.ZodType<Req>;
}): RequestContract<Req, Res> {
  return {
    service: def.service,
    subject: `${def.service}.${def.kind}.${def.entity}.${def.verb}.v${def.version}`,
    request: def.request,
  };
}

export type RequestOf<C> = C extends RequestContract<infer Req, unknown> ? Req : never;
export type ResponseOf<C> = C extends RequestContract<unknown, infer Res> ? Res : never;
export type { Principal };
