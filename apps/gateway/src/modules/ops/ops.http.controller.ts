import { Controller, Get, Param, ParseEnumPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  listParkedEvents,
  replayParkedEvent,
  Role,
  SERVICE_NAMES,
  type RequestContext,
  type ServiceName,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';

const serviceNames = Object.fromEntries(SERVICE_NAMES.map((s) => [s, s]));

/** Operators' view of events a consumer could not process, and their replay. */
@ApiTags('operations')
@ApiBearerAuth()
@Controller('ops/parked-events')
export class OpsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get(':service')
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Events parked by a service after failing or being invalid' })
  list(
    @Param('service', new ParseEnumPipe(serviceNames)) service: ServiceName,
    @Query('includeReplayed') includeReplayed: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(listParkedEvents[service], { includeReplayed: includeReplayed === 'true' }, ctx);
  }

  @Post(':service/:id/replay')
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Runs a parked event through its handler again' })
  replay(
    @Param('service', new ParseEnumPipe(serviceNames)) service: ServiceName,
    @Param('id') id: string,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(replayParkedEvent[service], { id }, ctx);
  }
}
