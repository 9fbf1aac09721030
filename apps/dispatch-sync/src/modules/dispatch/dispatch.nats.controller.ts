import { Controller, Inject } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  dispatchMetrics,
  dispatchReconcile,
  dispatchRecordList,
  dispatchRecordReplay,
  ErrorCode,
  Role,
  ServiceError,
  type BusRequest,
  type DispatchRecordStatus,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { acknowledgedSequences } from '../delivery/province-client.js';
import { RecordLogRepository } from '../delivery/record-log.repository.js';
import { DISPATCH_ENV, type DispatchSyncEnv } from '../../dispatch-sync.env.js';

/** Operators' view of the record log (province admin): list, replay dead ones, reconcile, backlog. */
@Controller()
export class DispatchNatsController {
  constructor(
    private readonly log: RecordLogRepository,
    @Inject(DISPATCH_ENV) private readonly env: DispatchSyncEnv,
  ) {}

  @HandleRequest(dispatchRecordList)
  list(req: BusRequest<{ status?: DispatchRecordStatus; page: number; pageSize: number }>) {
    requireRole(req.ctx.principal, Role.PROVINCE_ADMIN);
    const { status, page, pageSize } = req.data;
    return this.log.listRecords({ status, limit: pageSize, offset: (page - 1) * pageSize });
  }

  @HandleRequest(dispatchRecordReplay)
  async replay(req: BusRequest<{ recordId: string }>) {
    requireRole(req.ctx.principal, Role.PROVINCE_ADMIN);
    const result = await this.log.replay(req.data.recordId);
    if (result.status === null) throw new ServiceError(ErrorCode.NOT_FOUND, '没有该派遣记录');
    if (!result.replayed)
      throw new ServiceError(ErrorCode.INVALID_STATE, '只有投递失败（DEAD）的记录可以重发', {
        status: result.status,
      });
    return { replayed: true as const };
  }

  @HandleRequest(dispatchReconcile)
  async reconcile(req: BusRequest<{ acknowledged?: Record<string, number> }>) {
    requireRole(req.ctx.principal, Role.PROVINCE_ADMIN);
    const given = req.data.acknowledged;
    return this.log.reconcile(given ? new Map(Object.entries(given)) : await this.fromProvince());
  }

  @HandleRequest(dispatchMetrics)
  metrics(req: BusRequest<Record<string, never>>) {
    // SERVICE: the gateway asks at every Prometheus scrape of /api/metrics.
    requireRole(req.ctx.principal, Role.PROVINCE_ADMIN, Role.SERVICE);
    return this.log.backlogMetrics();
  }

  /** The province's acknowledged sequences; otherwise the operator passes its export. */
  private async fromProvince(): Promise<Map<string, number>> {
    try {
      return await acknowledgedSequences(this.env.PROVINCE_DISPATCH_URL, 10_000);
    } catch (err) {
      throw new ServiceError(
        ErrorCode.UPSTREAM_UNAVAILABLE,
        '无法从省派遣系统获取已确认记录，请在请求中提供',
        { reason: (err as Error).message },
      );
    }
  }
}
