import { z } from 'zod';
import { defineRequest, type RequestContract } from './request.js';
import { SERVICE_NAMES, type ServiceName } from './services.js';

/** Contracts every service answers: health for the gateway, parked events for operators. */
export interface HealthReply {
  service: ServiceName;
  status: 'up' | 'degraded';
  checks: Record<string, 'up' | 'down'>;
  /** Events this service's consumers gave up on and operators have not replayed yet. */
  parkedEvents?: number;
}

export interface ParkedEvent {
  id: string;
  consumer: string;
  subject: string;
  eventId: string | null;
  reason: string;
  deliveries: number;
  parkedAt: string;
  replayedAt: string | null;
  data: string;
}

function perService<C>(make: (service: ServiceName) => C): Record<ServiceName, C> {
  return Object.fromEntries(SERVICE_NAMES.map((s) => [s, make(s)])) as Record<ServiceName, C>;
}

export const healthCheck: Record<
  ServiceName,
  RequestContract<Record<string, never>, HealthReply>
> = perService((service) =>
  defineRequest({
    service,
    kind: 'qry',
    entity: 'health',
    verb: 'check',
    version: 1,
    request: z.object({}),
  }),
);

export const listParkedEvents: Record<
  ServiceName,
  RequestContract<{ includeReplayed?: boolean }, ParkedEvent[]>
> = perService((service) =>
  defineRequest({
    service,
    kind: 'qry',
    entity: 'parked-event',
    verb: 'list',
    version: 1,
    request: z.object({ includeReplayed: z.boolean().optional() }),
  }),
);

export const replayParkedEvent: Record<
  ServiceName,
  RequestContract<{ id: string }, { replayed: boolean }>
> = perService((service) =>
  defineRequest({
    service,
    kind: 'cmd',
    entity: 'parked-event',
    verb: 'replay',
    version: 1,
    request: z.object({ id: z.string().regex(/^\d+$/) }),
  }),
);
