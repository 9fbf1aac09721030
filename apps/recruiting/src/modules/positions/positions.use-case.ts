import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requireEmployerId, requireRole } from '@netsign/auth';
import {
  positionChanged,
  Role,
  USER_ROLES,
  type Paged,
  type PositionInput,
  type PositionView,
  type Principal,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { invalidState, notFound } from '../parties.js';
import type { Transition } from '../domain/transition.js';
import { changePosition, closePosition, type PositionStatus } from './domain/position-status.js';
import type { PositionEntity } from './position.entity.js';
import { PositionsRepository } from './positions.repository.js';

export function toPositionView(p: PositionEntity): PositionView {
  return {
    id: p.id,
    employerId: p.employerId,
    title: p.title,
    location: p.location,
    headcount: p.headcount,
    salaryRange: p.salaryRange,
    description: p.description,
    status: p.status,
    createdAt: p.createdAt.toISOString(),
  };
}

/**
 * Employers publish, edit and close positions; every platform user (USER_ROLES: not a WeChat
 * session still unbound) lists and searches the open ones.
 * Every change announces the position's new state (position.changed, with a revision).
 */
@Injectable()
export class PositionsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly positions: PositionsRepository,
  ) {}

  async create(principal: Principal | null, input: PositionInput): Promise<{ id: string }> {
    const employerId = requireEmployerId(principal);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      const position = await this.positions.insert(tx, {
        id,
        employerId,
        title: input.title,
        location: input.location,
        headcount: input.headcount,
        salaryRange: input.salaryRange,
        description: input.description,
      });
      await this.announce(tx, position, 'PUBLISHED');
    });
    return { id };
  }

  /** The employer's own open position, edited; signed agreements keep their snapshot. */
  async update(
    principal: Principal | null,
    positionId: string,
    changes: Partial<PositionInput>,
  ): Promise<PositionView> {
    const employerId = requireEmployerId(principal);
    return this.dataSource.transaction(async (tx) => {
      await this.lockOwn(tx, employerId, positionId, changePosition);
      const position = await this.positions.update(tx, positionId, {
        title: changes.title,
        location: changes.location,
        headcount: changes.headcount,
        salaryRange: changes.salaryRange,
        description: changes.description,
      });
      await this.announce(tx, position, 'UPDATED');
      return toPositionView(position);
    });
  }

  /** Closes the employer's own position: it leaves the list, and no new signing may name it. */
  async close(principal: Principal | null, positionId: string): Promise<PositionView> {
    const employerId = requireEmployerId(principal);
    return this.dataSource.transaction(async (tx) => {
      const to = await this.lockOwn(tx, employerId, positionId, closePosition);
      const position = await this.positions.update(tx, positionId, { status: to });
      await this.announce(tx, position, 'CLOSED');
      return toPositionView(position);
    });
  }

  /** Locks the employer's own position and applies the status rule of the change. */
  private async lockOwn<S extends PositionStatus>(
    tx: EntityManager,
    employerId: string,
    positionId: string,
    rule: (from: PositionStatus) => Transition<S>,
  ): Promise<S> {
    const position = await this.positions.lockOwn(tx, positionId, employerId);
    // Another employer's position is "not found": its existence is not this caller's business.
    if (!position) throw notFound('岗位');
    const next = rule(position.status);
    if (!next.ok) throw invalidState(next.reason);
    return next.to;
  }

  private async announce(
    tx: EntityManager,
    p: PositionEntity,
    change: 'PUBLISHED' | 'UPDATED' | 'CLOSED',
  ): Promise<void> {
    await publishEvent(tx, positionChanged, {
      aggregateId: p.id,
      payload: {
        positionId: p.id,
        employerId: p.employerId,
        title: p.title,
        location: p.location,
        status: p.status,
        revision: p.revision,
        change,
      },
    });
  }

  async list(
    principal: Principal | null,
    q: { q?: string; employerId?: string; page: number; pageSize: number },
  ): Promise<Paged<PositionView>> {
    requireRole(principal, ...USER_ROLES);
    const [items, total] = await this.positions.listOpen(
      { employerId: q.employerId, text: q.q },
      q,
    );
    return { items: items.map(toPositionView), total };
  }

  async get(principal: Principal | null, positionId: string): Promise<PositionView> {
    // Signing asks as a SERVICE when it has not seen a position's event yet.
    requireRole(principal, ...USER_ROLES, Role.SERVICE);
    const position = await this.positions.findById(positionId);
    if (!position) throw notFound('岗位');
    return toPositionView(position);
  }
}
