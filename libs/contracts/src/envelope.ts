import { z } from 'zod';
import { actorSchema, type Actor } from './principal.js';
import type { ServiceName } from './services.js';

/** The one envelope every domain event travels in; validated again when consumed. */
export const eventEnvelopeSchema = z.object({
  id: z.uuid(),
  type: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  aggregateId: z.string().min(1),
  actor: actorSchema,
  correlationId: z.string().min(1),
  payload: z.unknown(),
});
export interface EventEnvelope<P = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  aggregateId: string;
  actor: Actor;
  correlationId: string;
  payload: P;
}

export interface EventContract<P = unknown> {
  readonly service: ServiceName;
  /** `<service>.<entity>.<verb>`, the same across versions. */
  readonly type: string;
  readonly version: number;
  /** `<service>.evt.<entity>.<verb>.v<N>`; published subjects are never edited, only added. */
  readonly subject: string;
  readonly payload: z.ZodType<P>;
}

/** The payload type of an event contract. */
export type EventPayload<C> = C extends EventContract<infer P> ? P : never;

export function defineEvent<P>(def: {
  service: ServiceName;
  entity: string;
  verb: string;
  version: number;
  payload: z.ZodType<P>;
}): EventContract<P> {
  return {
    service: def.service,
    type: `${def.service}.${def.entity}.${def.verb}`,
    version: def.version,
    subject: `${def.service}.evt.${def.entity}.${def.verb}.v${def.version}`,
    payload: def.payload,
  };
}
