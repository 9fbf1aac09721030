import { Controller } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  onlineSigningSnapshot,
  onlineSigningStatistics,
  Role,
  ServiceError,
  takeOnlineSigningSnapshot,
  type BusRequest,
  type OnlineSigningStatistics,
  type Principal,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { StatisticsRepository } from './statistics.repository.js';
import { shanghaiDay } from './snapshot-schedule.js';

const READERS = [Role.PROVINCE_ADMIN, Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR];

/** The province sees every school; school staff only their own (asking for another is FORBIDDEN). */
function scopedSchool(p: Principal, requested: string | undefined): string | undefined {
  if (p.role === Role.PROVINCE_ADMIN) return requested;
  if (requested && requested !== p.schoolCode) throw new ServiceError(ErrorCode.FORBIDDEN);
  return p.schoolCode ?? '-';
}

/** Figures may be this old: portals poll the province-wide view, which is the costly one. */
const FRESH_FOR_MS = 2_000;

@Controller()
export class StatisticsNatsController {
  private readonly cache = new Map<
    string,
    { at: number; value: Promise<OnlineSigningStatistics> }
  >();

  constructor(private readonly stats: StatisticsRepository) {}

  @HandleRequest(onlineSigningStatistics)
  current(req: BusRequest<{ schoolCode?: string }>) {
    const p = requireRole(req.ctx.principal, ...READERS);
    const school = scopedSchool(p, req.data.schoolCode);
    const key = school ?? '*';
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < FRESH_FOR_MS) return hit.value;
    const value = this.stats.read(school);
    this.cache.set(key, { at: Date.now(), value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  @HandleRequest(onlineSigningSnapshot)
  async snapshot(req: BusRequest<{ day: string; schoolCode?: string }>) {
    const p = requireRole(req.ctx.principal, ...READERS);
    const found = await this.stats.snapshot(req.data.day, scopedSchool(p, req.data.schoolCode));
    if (!found) throw new ServiceError(ErrorCode.NOT_FOUND, '该日没有统计快照');
    return found;
  }

  @HandleRequest(takeOnlineSigningSnapshot)
  async take(req: BusRequest<Record<string, never>>) {
    requireRole(req.ctx.principal, Role.PROVINCE_ADMIN);
    const day = shanghaiDay(new Date());
    return { day, taken: await this.stats.takeSnapshot(day) };
  }
}
