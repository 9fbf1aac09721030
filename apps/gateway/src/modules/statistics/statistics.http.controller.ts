import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ErrorCode,
  onlineSigningSnapshot,
  onlineSigningStatistics,
  Role,
  ServiceError,
  takeOnlineSigningSnapshot,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';

const READERS = [Role.PROVINCE_ADMIN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR] as const;
const SCHOOL_CODE = /^[A-Za-z0-9_-]{1,20}$/;

function schoolCodeParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!SCHOOL_CODE.test(value)) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '学校代码不合法', { fields: [{ field: 'schoolCode', message: 'invalid' }] });
  }
  return value;
}

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics/online-signing')
export class StatisticsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles(...READERS)
  @ApiQuery({ name: 'schoolCode', required: false })
  @ApiOperation({ summary: 'Online-signing share (网签占比) per school, department and method' })
  current(@Query('schoolCode') schoolCode: string | undefined, @Ctx() ctx: RequestContext) {
    return this.bus.request(onlineSigningStatistics, { schoolCode: schoolCodeParam(schoolCode) }, ctx);
  }

  @Get('snapshots/:day')
  @Roles(...READERS)
  @ApiQuery({ name: 'schoolCode', required: false })
  @ApiOperation({ summary: 'The daily snapshot of a day (YYYY-MM-DD, Asia/Shanghai); never changes once taken' })
  snapshot(@Param('day') day: string, @Query('schoolCode') schoolCode: string | undefined, @Ctx() ctx: RequestContext) {
    return this.bus.request(onlineSigningSnapshot, { day, schoolCode: schoolCodeParam(schoolCode) }, ctx);
  }

  @Post('snapshots')
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: "Takes today's snapshot now if not yet taken (it is also taken daily)" })
  take(@Ctx() ctx: RequestContext) {
    return this.bus.request(takeOnlineSigningSnapshot, {}, ctx);
  }
}
