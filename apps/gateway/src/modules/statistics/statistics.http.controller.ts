import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import {
  ErrorCode,
  onlineSigningSnapshot,
  onlineSigningStatistics,
  onlineSigningStatisticsView,
  Role,
  snapshotParams,
  snapshotTakenView,
  statisticsQuery,
  takeOnlineSigningSnapshot,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import type { FastifyReply } from 'fastify';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const READERS = [
  Role.PROVINCE_ADMIN,
  Role.SCHOOL_ADMIN,
  Role.DEPARTMENT_STAFF,
  Role.COUNSELLOR,
] as const;
/** `?schoolCode=` as validated by statisticsQuery: empty means every school the caller may see. */
const schoolCodeParam = (value: string | undefined) => (value ? value : undefined);

/**
 * The province-wide view is about 1 MB of JSON (every school with its departments). Portals poll
 * it; serialising it per request would cost more than computing it, so the serialised answer is
 * kept for a moment, keyed by what decides its content: the caller's scope and the query.
 */
const FRESH_FOR_MS = 2_000;

@Area('statistics')
@Controller('statistics/online-signing')
export class StatisticsHttpController {
  private readonly cache = new Map<string, { at: number; json: Promise<string> }>();

  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles(...READERS)
  @Endpoint({
    operationId: 'getOnlineSigningStatistics',
    summary: 'Online-signing share (网签占比) per school, department and method',
    query: statisticsQuery,
    response: onlineSigningStatisticsView,
    errors: [ErrorCode.NOT_FOUND],
  })
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
      hit = {
        at: Date.now(),
        json: this.bus
          .request(onlineSigningStatistics, { schoolCode: school }, ctx)
          .then((r) => JSON.stringify(r)),
      };
      this.cache.set(key, hit);
      hit.json.catch(() => this.cache.delete(key));
    }
    void reply.header('content-type', 'application/json; charset=utf-8');
    return hit.json;
  }

  @Get('snapshots/:day')
  @Roles(...READERS)
  @Endpoint({
    operationId: 'getOnlineSigningSnapshot',
    summary: 'The daily snapshot of a day (YYYY-MM-DD, Asia/Shanghai); never changes once taken',
    params: snapshotParams,
    query: statisticsQuery,
    response: onlineSigningStatisticsView,
    errors: [ErrorCode.NOT_FOUND],
  })
  snapshot(
    @Param('day') day: string,
    @Query('schoolCode') schoolCode: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(
      onlineSigningSnapshot,
      { day, schoolCode: schoolCodeParam(schoolCode) },
      ctx,
    );
  }

  @Post('snapshots')
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'takeOnlineSigningSnapshot',
    summary: "Takes today's snapshot now if not yet taken (it is also taken daily)",
    response: snapshotTakenView,
  })
  take(@Ctx() ctx: RequestContext) {
    return this.bus.request(takeOnlineSigningSnapshot, {}, ctx);
  }
}
