import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  dispatchMetrics,
  dispatchReconcile,
  dispatchRecordList,
  dispatchRecordReplay,
  Role,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { DispatchRecordQueryDto, ReconcileDto } from './dispatch.dto.js';

@ApiTags('dispatch')
@ApiBearerAuth()
@Controller('dispatch')
export class DispatchHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get('records')
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Delivery log to the provincial dispatch system, by status' })
  list(@Query() query: DispatchRecordQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchRecordList, { status: query.status, page: query.page ?? 1, pageSize: query.pageSize ?? 50 }, ctx);
  }

  @Post('records/:id/replay')
  @HttpCode(200)
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Sends a dead record again (attempts reset)' })
  replay(@Param('id', new ParseUUIDPipe()) recordId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchRecordReplay, { recordId }, ctx);
  }

  @Post('reconciliation')
  @HttpCode(200)
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Compares what the province acknowledged with the log; lists the differences' })
  reconcile(@Body() body: ReconcileDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchReconcile, { acknowledged: body.acknowledged }, ctx);
  }

  @Get('metrics')
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Backlog: pending, dead, age of the oldest undelivered record' })
  metrics(@Ctx() ctx: RequestContext) {
    return this.bus.request(dispatchMetrics, {}, ctx);
  }
}
