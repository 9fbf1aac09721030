import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ErrorCode,
  listParkedEvents,
  parkedEventParams,
  parkedEventReplayView,
  parkedEventsParams,
  parkedEventsQuery,
  parkedEventView,
  replayParkedEvent,
  Role,
  type RequestContext,
  type ServiceName,
} from '@netsign/contracts';
import { z } from 'zod';
import { BusClient } from '@netsign/messaging/client';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

/** Operators' view of events a consumer could not process, and their replay. */
@Area('ops')
@Controller('ops/parked-events')
export class OpsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get(':service')
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'listParkedEvents',
    summary: 'Events parked by a service after failing or being invalid',
    params: parkedEventsParams,
    query: parkedEventsQuery,
    response: z.array(parkedEventView),
  })
  list(
    @Param('service') service: ServiceName,
    @Query() query: { includeReplayed?: boolean },
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(
      listParkedEvents[service],
      { includeReplayed: query.includeReplayed === true },
      ctx,
    );
  }

  @Post(':service/:id/replay')
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'replayParkedEvent',
    summary: 'Runs a parked event through its handler again',
    params: parkedEventParams,
    response: parkedEventReplayView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  replay(
    @Param('service') service: ServiceName,
    @Param('id') id: string,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(replayParkedEvent[service], { id }, ctx);
  }
}
