import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
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
import type { FastifyReply } from 'fastify';

const READERS = [Role.PROVINCE_ADMIN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR] as const;
const SCHOOL_CODE = /^[A-Za-z0-9_-]{1,20}$/;

function schoolCodeParam(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (!SCHOOL_CODE.test(value)) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '学校代码不合法', { fields: [{ field: 'schoolCode', message: 'invalid' }] });
  }
  return value;
}

/**
 * The province-wide view is about 1 MB of JSON (every school with its departments). Portals poll
 * it; serialising it per request would cost more than computing it, so the serialised answer is
 * kept for a moment, keyed by what decides its content: the caller's scope and the query.
 */
const FRESH_FOR_MS = 2_000;

@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics/online-signing')
export class StatisticsHttpController {
  private readonly cache = new Map<string, { at: number; json: Promise<string> }>();

  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles(...READERS)
  @ApiQuery({ name: 'schoolCode', required: false })
  @ApiOperation({ summary: 'Online-signing share (网签占比) per school, department and method' })
  async current(
    @Query('schoolCode') schoolCode: string | undefined,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const school = schoolCodeParam(schoolCode);
    const p = ctx.principal!;
    const key = `${p.role === Role.PROVINCE_ADMIN ? 'province' : `school:${p.schoolCode}`}|${school ?? '*'}`;
    let hit = this.cache.get(key);
    if (!hit || Date.now() - hit.at >= FRESH_FOR_MS) {
      hit = { at: Date.now(), json: this.bus.request(onlineSigningStatistics, { schoolCode: school }, ctx).then((r) => JSON.stringify(r)) };
      this.cache.set(key, hit);
      hit.json.catch(() => this.cache.delete(key));
    }
    void reply.header('content-type', 'application/json; charset=utf-8');
    return hit.json;
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
