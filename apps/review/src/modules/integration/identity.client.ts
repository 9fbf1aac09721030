import { Injectable } from '@nestjs/common';
import { graduateGet, graduateInScope, type GraduateSnapshot, type RequestContext } from '@netsign/contracts';
import { BusClient, currentRequestContext } from '@netsign/messaging';
import { randomUUID } from 'node:crypto';

/**
 * Identity owns staff scopes (a counsellor's graduates and classes): review asks it, forwarding the
 * caller, instead of copying scopes that could go stale.
 */
@Injectable()
export class IdentityClient {
  constructor(private readonly bus: BusClient) {}

  async inScope(graduateId: string): Promise<boolean> {
    return (await this.bus.request(graduateInScope, { graduateId }, this.ctx())).inScope;
  }

  /** The graduate as the caller may see them (FORBIDDEN or NOT_FOUND from identity otherwise). */
  async graduate(graduateId: string): Promise<GraduateSnapshot> {
    return this.bus.request(graduateGet, { graduateId }, this.ctx());
  }

  private ctx(): RequestContext {
    return currentRequestContext() ?? { principal: null, correlationId: randomUUID() };
  }
}
