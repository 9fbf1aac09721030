import { Injectable } from '@nestjs/common';
import {
  counsellorAssignment,
  ErrorCode,
  graduateGet,
  ServiceError,
  type CounsellorAssignment,
  type GraduateSnapshot,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient, currentRequestContext } from '@netsign/messaging';
import { randomUUID } from 'node:crypto';

/**
 * Identity owns staff scopes (a counsellor's graduates and classes): review asks it, forwarding the
 * caller, instead of copying scopes that could go stale.
 */
@Injectable()
export class IdentityClient {
  constructor(private readonly bus: BusClient) {}

  /**
   * The calling counsellor's assignment (graduates and classes), asked once per list so the list is
   * filtered in SQL. An account identity does not know as a counsellor sees nothing.
   */
  async assignment(counsellorUserId: string): Promise<CounsellorAssignment> {
    try {
      return await this.bus.request(counsellorAssignment, { userId: counsellorUserId }, this.ctx());
    } catch (err) {
      if (err instanceof ServiceError && err.code === ErrorCode.NOT_FOUND)
        throw new ServiceError(ErrorCode.FORBIDDEN);
      throw err;
    }
  }

  /** The graduate as the caller may see them (FORBIDDEN or NOT_FOUND from identity otherwise). */
  async graduate(graduateId: string): Promise<GraduateSnapshot> {
    return this.bus.request(graduateGet, { graduateId }, this.ctx());
  }

  private ctx(): RequestContext {
    return currentRequestContext() ?? { principal: null, correlationId: randomUUID() };
  }
}
