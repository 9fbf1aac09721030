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

const COLUMNS = `id, employer_id, title, location, headcount, salary_range, description, status, created_at`;

const CHANGEABLE: Record<keyof PositionInput, string> = {
  title: 'title',
  location: 'location',
  headcount: 'headcount',
  salaryRange: 'salary_range',
  description: 'description',
};

export function toPosition(r: Record<string, unknown>): PositionView {
  return {
    id: r['id'] as string,
    employerId: r['employer_id'] as string,
    title: r['title'] as string,
    location: r['location'] as string,
    headcount: Number(r['headcount']),
    salaryRange: r['salary_range'] as string,
    description: r['description'] as string,
    status: r['status'] as PositionView['status'],
    createdAt: (r['created_at'] as Date).toISOString(),
  };
}

/**
 * Employers publish, edit and close positions; every platform user (USER_ROLES: not a WeChat
 * session still unbound) lists and searches the open ones.
 * Every change announces the position's new state (position.changed, with a revision).
 */
@Injectable()
export class PositionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async create(principal: Principal | null, input: PositionInput): Promise<{ id: string }> {
    const employerId = requireEmployerId(principal);
    const id = randomUUID();
    await this.dataSource.transaction(async (tx) => {
      const rows: Array<Record<string, unknown>> = await tx.query(
        `INSERT INTO positions (id, employer_id, title, location, headcount, salary_range, description)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}, revision`,
        [
          id,
          employerId,
          input.title,
          input.location,
          input.headcount,
          input.salaryRange,
          input.description,
        ],
      );
      await this.announce(tx, rows[0]!, 'PUBLISHED');
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
      await this.lockOwnOpen(tx, employerId, positionId);
      const params: unknown[] = [positionId];
      const sets = Object.entries(changes)
        .filter(([key, value]) => key in CHANGEABLE && value !== undefined)
        .map(
          ([key, value]) => `${CHANGEABLE[key as keyof PositionInput]} = $${params.push(value)}`,
        );
      // TypeORM answers an UPDATE with [rows, affected].
      const [rows]: [Array<Record<string, unknown>>, number] = await tx.query(
        `UPDATE positions SET ${sets.join(', ')}, revision = revision + 1, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}, revision`,
        params,
      );
      await this.announce(tx, rows[0]!, 'UPDATED');
      return toPosition(rows[0]!);
    });
  }

  /** Closes the employer's own position: it leaves the list, and no new signing may name it. */
  async close(principal: Principal | null, positionId: string): Promise<PositionView> {
    const employerId = requireEmployerId(principal);
    return this.dataSource.transaction(async (tx) => {
      await this.lockOwnOpen(tx, employerId, positionId);
      const [rows]: [Array<Record<string, unknown>>, number] = await tx.query(
        `UPDATE positions SET status = 'CLOSED', revision = revision + 1, updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}, revision`,
        [positionId],
      );
      await this.announce(tx, rows[0]!, 'CLOSED');
      return toPosition(rows[0]!);
    });
  }

  private async lockOwnOpen(
    tx: EntityManager,
    employerId: string,
    positionId: string,
  ): Promise<void> {
    const rows: Array<{ status: string }> = await tx.query(
      `SELECT status FROM positions WHERE id = $1 AND employer_id = $2 FOR UPDATE`,
      [positionId, employerId],
    );
    // Another employer's position is "not found": its existence is not this caller's business.
    if (!rows[0]) throw notFound('岗位');
    if (rows[0].status !== 'OPEN') throw invalidState('该岗位已关闭');
  }

  private async announce(
    tx: EntityManager,
    row: Record<string, unknown>,
    change: 'PUBLISHED' | 'UPDATED' | 'CLOSED',
  ): Promise<void> {
    const p = toPosition(row);
    await publishEvent(tx, positionChanged, {
      aggregateId: p.id,
      payload: {
        positionId: p.id,
        employerId: p.employerId,
        title: p.title,
        location: p.location,
        status: p.status,
        revision: Number(row['revision']),
        change,
      },
    });
  }

  async list(
    principal: Principal | null,
    q: { q?: string; employerId?: string; page: number; pageSize: number },
  ): Promise<Paged<PositionView>> {
    requireRole(principal, ...USER_ROLES);
    const params: unknown[] = [];
    const where = [`status = 'OPEN'`];
    if (q.employerId) where.push(`employer_id = $${params.push(q.employerId)}`);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(
        `(title ILIKE $${params.push(like)} OR location ILIKE $${params.length} OR description ILIKE $${params.length})`,
      );
    }
    const filter = where.join(' AND ');
    const [count] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM positions WHERE ${filter}`,
      params,
    )) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM positions WHERE ${filter} ORDER BY created_at DESC, id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toPosition), total: count?.n ?? 0 };
  }

  async get(principal: Principal | null, positionId: string): Promise<PositionView> {
    // Signing asks as a SERVICE when it has not seen a position's event yet.
    requireRole(principal, ...USER_ROLES, Role.SERVICE);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM positions WHERE id = $1`,
      [positionId],
    );
    if (!rows[0]) throw notFound('岗位');
    return toPosition(rows[0]);
  }
}
