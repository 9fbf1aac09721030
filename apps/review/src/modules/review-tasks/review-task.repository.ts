import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import type { AgreementSnapshot, ReviewTaskListQuery, ReviewTaskView } from '@netsign/contracts';
import { hydrate, preparedQuery } from '@netsign/persistence';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import type { AgreementEntity } from '../agreements/agreement.entity.js';
import { writeReviewAudit, type ReviewAuditActor } from '../audit/review-audit.js';
import { isOverdue, type TaskDecision } from './domain/review-rules.js';
import { ReviewTaskEntity } from './review-task.entity.js';

/** A task and its agreement (`t`, `a`) in the access policy's terms. */
const TASK_SCOPE_COLUMNS: ScopeColumns = {
  graduateId: 'a.graduate_id',
  schoolCode: 't.school_code',
  departmentCode: 't.department_code',
  className: 'a.class_name',
  employerId: 'a.employer_id',
};

/** The agreement a task is about, which every read here joins (`t.agreement`). */
export function agreementOfTask(t: Pick<ReviewTaskEntity, 'id' | 'agreement'>): AgreementEntity {
  if (!t.agreement) throw new Error(`review task ${t.id} was read without its agreement`);
  return t.agreement;
}

/** A task read by this repository (its agreement loaded) as the API shows it. */
export function toTaskView(t: ReviewTaskEntity, now: Date, overdueDays: number): ReviewTaskView {
  const a = agreementOfTask(t);
  return {
    id: t.id,
    agreementId: t.agreementId,
    agreementNo: a.agreementNo,
    graduate: a.snapshot.graduate,
    employer: a.snapshot.employer,
    method: t.method,
    submittedAt: t.submittedAt.toISOString(),
    status: t.status,
    overdue: isOverdue(t.status, t.submittedAt, now, overdueDays),
    decision:
      t.status === 'APPROVED' || t.status === 'REJECTED'
        ? {
            decision: t.status === 'APPROVED' ? 'APPROVE' : 'REJECT',
            reason: t.reason,
            reviewer: { userId: t.decidedBy!, role: t.decidedRole! },
            decidedAt: t.decidedAt!.toISOString(),
          }
        : null,
  };
}

/** Table `review_tasks`: the only place that reads or writes it. */
@Injectable()
export class ReviewTaskRepository {
  constructor(
    @InjectRepository(ReviewTaskEntity) private readonly tasks: Repository<ReviewTaskEntity>,
  ) {}

  /**
   * One task per agreement: a redelivered signing event changes nothing. Kept as a prepared
   * statement (every signing event); the row maps through the entity (`hydrate`).
   */
  async create(tx: EntityManager, a: AgreementSnapshot): Promise<void> {
    const [row] = await preparedQuery(
      tx,
      'review-task-create-returning',
      `INSERT INTO review_tasks (agreement_id, school_code, department_code, method, submitted_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agreement_id) DO NOTHING RETURNING *`,
      [a.agreementId, a.graduate.schoolCode, a.graduate.departmentCode, a.method, a.signedAt],
    );
    if (!row) return;
    const created = hydrate(tx, ReviewTaskEntity, row);
    await writeReviewAudit(tx, {
      aggregateType: 'review-task',
      aggregateId: created.id,
      action: 'TASK_OPENED',
      actor: null,
      payload: { agreementId: a.agreementId, agreementNo: a.agreementNo, method: a.method },
    });
  }

  async byId(id: string): Promise<ReviewTaskEntity | null> {
    return this.withAgreement().where('t.id = :id', { id }).getOne();
  }

  async byAgreement(tx: EntityManager, agreementId: string): Promise<ReviewTaskEntity | null> {
    return this.withAgreement(tx).where('t.agreementId = :agreementId', { agreementId }).getOne();
  }

  async decide(tx: EntityManager, id: string, d: TaskDecision): Promise<void> {
    const decided = await tx.getRepository(ReviewTaskEntity).update(
      { id, status: 'PENDING' },
      {
        status: d.status,
        reason: d.reason,
        decidedBy: d.reviewer.userId,
        decidedRole: d.reviewer.role,
        decidedAt: d.decidedAt,
      },
    );
    if (!decided.affected) return;
    await writeReviewAudit(tx, {
      aggregateType: 'review-task',
      aggregateId: id,
      action: `TASK_${d.status}`,
      actor: d.reviewer,
      payload: { reason: d.reason },
    });
  }

  /** The agreement ended before anyone reviewed it (terminated): nothing left to review. */
  async cancelPending(
    tx: EntityManager,
    agreementId: string,
    actor: ReviewAuditActor,
  ): Promise<void> {
    // Kept as SQL: the tasks cancelled, in the one statement that cancels them.
    const rows: Array<Record<string, unknown>> = await tx.query(
      `WITH c AS (UPDATE review_tasks SET status = 'CANCELLED' WHERE agreement_id = $1 AND status = 'PENDING' RETURNING *) SELECT * FROM c`,
      [agreementId],
    );
    for (const { id } of rows.map((row) => hydrate(tx, ReviewTaskEntity, row))) {
      await writeReviewAudit(tx, {
        aggregateType: 'review-task',
        aggregateId: id,
        action: 'TASK_CANCELLED',
        actor,
        payload: { agreementId: agreementId.toLowerCase(), reason: 'AGREEMENT_TERMINATED' },
      });
    }
  }

  /** The tasks in scope matching the query, oldest first, with their agreements. */
  async list(
    scope: Reach,
    q: ReviewTaskListQuery,
    overdueDays: number,
  ): Promise<[ReviewTaskEntity[], number]> {
    const qb = this.withAgreement();
    const values: unknown[] = [];
    const scoped = scopeSql(scope, TASK_SCOPE_COLUMNS, values);
    const params: Record<string, unknown> = {};
    values.forEach((value, i) => (params[`scope${i + 1}`] = value));
    qb.where(scoped.replace(/\$(\d+)/g, ':scope$1'), params);
    if (q.departmentCode)
      qb.andWhere('t.departmentCode = :departmentCode', { departmentCode: q.departmentCode });
    if (q.status) qb.andWhere('t.status = :status', { status: q.status });
    if (q.method) qb.andWhere('t.method = :method', { method: q.method });
    if (q.overdue !== undefined) {
      const cond = `(t.status = 'PENDING' AND t.submitted_at < now() - make_interval(secs => CAST(:overdueDays AS float8) * 86400))`;
      qb.andWhere(q.overdue ? cond : `NOT ${cond}`, { overdueDays });
    }
    if (q.q) {
      qb.andWhere(
        `(a.snapshot->'graduate'->>'name' ILIKE :like OR a.snapshot->'graduate'->>'studentNo' ILIKE :like
            OR a.agreement_no ILIKE :like OR a.snapshot->'employer'->>'name' ILIKE :like)`,
        { like: `%${q.q}%` },
      );
    }
    return qb
      .orderBy('t.submittedAt')
      .addOrderBy('t.id')
      .offset((q.page - 1) * q.pageSize)
      .limit(q.pageSize)
      .getManyAndCount();
  }

  private withAgreement(tx?: EntityManager): SelectQueryBuilder<ReviewTaskEntity> {
    return (tx ? tx.getRepository(ReviewTaskEntity) : this.tasks)
      .createQueryBuilder('t')
      .innerJoinAndSelect('t.agreement', 'a');
  }
}
