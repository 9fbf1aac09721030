import { Controller, type Type } from '@nestjs/common';
import {
  healthCheck,
  listParkedEvents,
  replayParkedEvent,
  Role,
  type BusRequest,
  type HealthReply,
  type ParkedEvent,
  type ServiceName,
} from '@netsign/contracts';
import { requireRole } from '@netsign/auth';
import { HandleRequest } from './rpc/handle-request.decorator.js';
import { MessagingRuntime } from './messaging.runtime.js';

/**
 * The requests every service answers whatever its domain: health for the gateway, and the
 * operators' view of parked events. Built per service because subjects name the service.
 */
export function createPlatformController(service: ServiceName): Type<unknown> {
  @Controller()
  class PlatformController {
    constructor(private readonly runtime: MessagingRuntime) {}

    @HandleRequest(healthCheck[service])
    health(): Promise<HealthReply> {
      return this.runtime.health();
    }

    @HandleRequest(listParkedEvents[service])
    listParked(req: BusRequest<{ includeReplayed?: boolean }>): Promise<ParkedEvent[]> {
      requireRole(req.ctx.principal, Role.PROVINCE_ADMIN);
      return this.runtime.listParked(req.data.includeReplayed ?? false);
    }

    @HandleRequest(replayParkedEvent[service])
    replayParked(req: BusRequest<{ id: string }>): Promise<{ replayed: boolean }> {
      requireRole(req.ctx.principal, Role.PROVINCE_ADMIN);
      return this.runtime.replayParked(req.data.id);
    }
  }
  return PlatformController;
}
