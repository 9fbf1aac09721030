import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  dispatchBacklogView,
  dispatchRecordPageView,
  dispatchReplayView,
  ErrorCode,
  reconcileReportView,
  requestObject,
  uuidParams,
  dispatchMetrics,
  dispatchReconcile,
  dispatchRecordList,
  dispatchRecordReplay,
  Role,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

@Area('dispatch')
@Controller('dispatch')
export class DispatchHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get('records')
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'listDispatchRecords',
    summary: 'Delivery log to the provincial dispatch system, by status',
    query: requestObject(dispatchRecordList),
    response: dispatchRecordPageView,
  })
  list(@Query() query: RequestOf<typeof dispatchRecordList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchRecordList, query, ctx);
  }

  @Post('records/:id/replay')
  @HttpCode(200)
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'replayDispatchRecord',
    summary: 'Sends a dead record again (attempts reset)',
    params: uuidParams('id'),
    response: dispatchReplayView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  replay(@Param('id') recordId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchRecordReplay, { recordId }, ctx);
  }

  @Post('reconciliation')
  @HttpCode(200)
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'reconcileDispatchRecords',
    summary: 'Compares what the province acknowledged with the log; lists the differences',
    body: dispatchReconcile.request,
    response: reconcileReportView,
  })
  reconcile(@Body() body: RequestOf<typeof dispatchReconcile>, @Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchReconcile, body, ctx);
  }

  @Get('metrics')
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'getDispatchBacklog',
    summary: 'Backlog: pending, dead, age of the oldest undelivered record',
    response: dispatchBacklogView,
  })
  metrics(@Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchMetrics, {}, ctx);
  }
}
