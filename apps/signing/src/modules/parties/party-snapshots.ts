import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ServiceError,
  type EmployerSnapshot,
  type PositionSnapshot,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { IdentityClient } from '../integration/identity.client.js';
import { RecruitingClient } from '../integration/recruiting.client.js';
import { PartyProjectionRepository } from './party-projection.repository.js';

/** A position may be signed for only by the employer that offers it, and only while it is open. */
export function assertOpenPositionOf(
  employerId: string,
  position: { employerId: string; status: string },
): void {
  if (position.employerId !== employerId) throw new ServiceError(ErrorCode.NOT_FOUND, '岗位不存在');
  if (position.status !== 'OPEN') throw new ServiceError(ErrorCode.INVALID_STATE, '该岗位已关闭');
}

/**
 * Employer and position snapshots for a signing, from signing's own projection (kept by identity's
 * and recruiting's events), so a signing costs no request to either service. What the projection
 * has not seen yet (an employer that registered a moment ago, records older than the projection)
 * is asked of the owning service instead. A change reaches the projection within moments of its
 * commit; a signing in those moments sees the state just before it.
 */
@Injectable()
export class PartySnapshots {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projection: PartyProjectionRepository,
    private readonly identity: IdentityClient,
    private readonly recruiting: RecruitingClient,
  ) {}

  async employer(employerId: string): Promise<EmployerSnapshot> {
    const { employer } = await this.projection.find(this.dataSource, employerId, null);
    return employer ?? this.identity.employer(employerId);
  }

  async employerAndOpenPosition(
    employerId: string,
    positionId: string,
  ): Promise<{ employer: EmployerSnapshot; position: PositionSnapshot }> {
    const known = await this.projection.find(this.dataSource, employerId, positionId);
    const [position, employer] = await Promise.all([
      known.position ?? this.recruiting.position(positionId),
      known.employer ?? this.identity.employer(employerId),
    ]);
    assertOpenPositionOf(employerId, position);
    return {
      employer,
      position: {
        positionId: position.positionId,
        title: position.title,
        location: position.location,
      },
    };
  }
}
