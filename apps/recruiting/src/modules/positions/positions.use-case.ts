import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requirePrincipal } from '@netsign/auth';
import type { Paged, PositionInput, PositionView, Principal } from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { employerOf, notFound } from '../parties.js';

const COLUMNS = `id, employer_id, title, location, headcount, salary_range, description, status, created_at`;

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

/** Employers publish positions; anyone signed in lists and searches them. */
@Injectable()
export class PositionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async create(principal: Principal | null, input: PositionInput): Promise<{ id: string }> {
    const employerId = employerOf(principal);
    const id = randomUUID();
    await this.dataSource.query(
      `INSERT INTO positions (id, employer_id, title, location, headcount, salary_range, description)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, employerId, input.title, input.location, input.headcount, input.salaryRange, input.description],
    );
    return { id };
  }

  async list(
    principal: Principal | null,
    q: { q?: string; employerId?: string; page: number; pageSize: number },
  ): Promise<Paged<PositionView>> {
    requirePrincipal(principal);
    const params: unknown[] = [];
    const where = [`status = 'OPEN'`];
    if (q.employerId) where.push(`employer_id = $${params.push(q.employerId)}`);
    if (q.q) {
      const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      where.push(`(title ILIKE $${params.push(like)} OR location ILIKE $${params.length} OR description ILIKE $${params.length})`);
    }
    const filter = where.join(' AND ');
    const [count] = (await this.dataSource.query(`SELECT count(*)::int AS n FROM positions WHERE ${filter}`, params)) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM positions WHERE ${filter} ORDER BY created_at DESC, id
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toPosition), total: count?.n ?? 0 };
  }

  async get(principal: Principal | null, positionId: string): Promise<PositionView> {
    requirePrincipal(principal);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(`SELECT ${COLUMNS} FROM positions WHERE id = $1`, [positionId]);
    if (!rows[0]) throw notFound('岗位');
    return toPosition(rows[0]);
  }
}
