import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  counsellorAssignment,
  employerGet,
  ErrorCode,
  graduateGet,
  rosterMatch,
  ServiceError,
  type CounsellorAssignment,
  type EmployerSnapshot,
  type GraduateSnapshot,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient, currentRequestContext } from '@netsign/messaging';

/** Signing's calls to identity, on its own behalf (SERVICE), carrying the caller's correlation id. */
export function serviceContext(): RequestContext {
  return {
    principal: { userId: 'signing', role: 'SERVICE' },
    correlationId: currentRequestContext()?.correlationId ?? randomUUID(),
  };
}

@Injectable()
export class IdentityClient {
  constructor(private readonly bus: BusClient) {}

  /** Method 2: exact identity match against the roster, or ROSTER_MISMATCH. */
  rosterMatch(identity: {
    schoolCode: string;
    name: string;
    studentNo: string;
    idNumber: string;
  }): Promise<GraduateSnapshot> {
    return this.bus.request(rosterMatch, identity, serviceContext());
  }

  graduate(graduateId: string): Promise<GraduateSnapshot> {
    return this.bus.request(graduateGet, { graduateId }, serviceContext());
  }

  employer(employerId: string): Promise<EmployerSnapshot> {
    return this.bus.request(employerGet, { employerId }, serviceContext());
  }

  /**
   * Whom a counsellor is responsible for: asked at each read, never cached, so a reassignment
   * applies at once. A token whose account identity no longer knows as a counsellor sees nothing.
   */
  async counsellorAssignment(userId: string): Promise<CounsellorAssignment> {
    try {
      return await this.bus.request(counsellorAssignment, { userId }, serviceContext());
    } catch (err) {
      if (err instanceof ServiceError && err.code === ErrorCode.NOT_FOUND)
        throw new ServiceError(ErrorCode.FORBIDDEN);
      throw err;
    }
  }
}
