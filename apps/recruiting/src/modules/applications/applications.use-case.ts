import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { requireGraduateId } from '@netsign/auth';
import {
  applicationSubmitted,
  ErrorCode,
  ServiceError,
  type ApplicationView,
  type Paged,
  type Principal,
  type Resume,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { invalidState, notFound, partyFilter, partyScopeOf } from '../parties.js';

const COLUMNS = `a.id, a.position_id, p.title AS position_title, a.employer_id, a.graduate_id, a.status, a.resume, a.submitted_at`;

function toApplication(r: Record<string, unknown>): ApplicationView {
  return {
    id: r['id'] as string,
    positionId: r['position_id'] as string,
    positionTitle: r['position_title'] as string,
    employerId: r['employer_id'] as string,
    graduateId: r['graduate_id'] as string,
    status: r['status'] as ApplicationView['status'],
    resume: r['resume'] as Resume,
    submittedAt: (r['submitted_at'] as Date).toISOString(),
  };
}

/** Resume and applications: a graduate submits their resume to a position; each side sees its own. */
@Injectable()
export class ApplicationsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async putResume(principal: Principal | null, resume: Resume): Promise<Resume> {
    const graduateId = requireGraduateId(principal);
    await this.dataSource.query(
      `INSERT INTO resumes (graduate_id, content) VALUES ($1, $2)
       ON CONFLICT (graduate_id) DO UPDATE SET content = EXCLUDED.content, updated_at = now()`,
      [graduateId, JSON.stringify(resume)],
    );
    return resume;
  }

  async submit(principal: Principal | null, positionId: string): Promise<ApplicationView> {
    const graduateId = requireGraduateId(principal);
    return this.dataSource.transaction(async (tx) => {
      const [position] = (await tx.query(
        `SELECT employer_id, title, status FROM positions WHERE id = $1`,
        [positionId],
      )) as Array<Record<string, string>>;
      if (!position) throw notFound('岗位');
      if (position['status'] !== 'OPEN') throw invalidState('该岗位已关闭');
      const [resume] = (await tx.query(`SELECT content FROM resumes WHERE graduate_id = $1`, [
        graduateId,
      ])) as Array<{ content: Resume }>;
      if (!resume) {
        throw new ServiceError(ErrorCode.VALIDATION_FAILED, '请先填写简历', {
          fields: [{ field: 'resume', message: '尚未填写简历' }],
        });
      }
      const id = randomUUID();
      // ON CONFLICT rather than catching 23505: a repeated application is expected, not an error to log.
      const inserted: unknown[] = await tx.query(
        `INSERT INTO applications (id, position_id, employer_id, graduate_id, resume, status) VALUES ($1, $2, $3, $4, $5, 'SUBMITTED')
         ON CONFLICT ON CONSTRAINT applications_once DO NOTHING RETURNING id`,
        [id, positionId, position['employer_id'], graduateId, JSON.stringify(resume.content)],
      );
      if (inserted.length === 0) throw new ServiceError(ErrorCode.CONFLICT, '已投递过该岗位');
      await publishEvent(tx, applicationSubmitted, {
        aggregateId: id,
        payload: {
          applicationId: id,
          positionId,
          positionTitle: position['title']!,
          employerId: position['employer_id']!,
          graduateId,
        },
      });
      return (await this.load(tx, id))!;
    });
  }

  async list(
    principal: Principal | null,
    q: { positionId?: string; page: number; pageSize: number },
  ): Promise<Paged<ApplicationView>> {
    const params: unknown[] = [];
    const where = [partyFilter(partyScopeOf(principal), params, 'a')];
    if (q.positionId) where.push(`a.position_id = $${params.push(q.positionId)}`);
    const filter = where.join(' AND ');
    const [count] = (await this.dataSource.query(
      `SELECT count(*)::int AS n FROM applications a WHERE ${filter}`,
      params,
    )) as Array<{ n: number }>;
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM applications a JOIN positions p ON p.id = a.position_id WHERE ${filter}
        ORDER BY a.submitted_at DESC, a.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.pageSize, (q.page - 1) * q.pageSize],
    );
    return { items: rows.map(toApplication), total: count?.n ?? 0 };
  }

  async load(db: Pick<DataSource, 'query'>, id: string): Promise<ApplicationView | null> {
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${COLUMNS} FROM applications a JOIN positions p ON p.id = a.position_id WHERE a.id = $1`,
      [id],
    );
    return rows[0] ? toApplication(rows[0]) : null;
  }
}
