import { Injectable } from '@nestjs/common';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import type {
  AgreementSnapshot,
  ReviewTaskListQuery,
  ReviewTaskStatus,
  ReviewTaskView,
  SigningMethod,
} from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { isOverdue, type TaskDecision } from './domain/review-rules.js';
import { preparedQuery } from '@netsign/persistence';
import { writeReviewAudit, type ReviewAuditActor } from '../audit/review-audit.js';

export interface TaskRow {
  id: string;
  agreement_id: string;
  school_code: string;
  department_code: string;
  method: SigningMethod;
  status: ReviewTaskStatus;
  submitted_at: Date;
  decided_at: Date | null;
  decided_by: string | null;
  decided_role: string | null;
  reason: string | null;
  agreement_no: string;
  snapshot: AgreementSnapshot;
}

/** A task and its agreement (`t`, `a`) in the access policy's terms. */
const TASK_SCOPE_COLUMNS: ScopeColumns = {
  graduateId: 'a.graduate_id',
  schoolCode: 't.school_code',
  departmentCode: 't.department_code',
  className: 'a.class_name',
  employerId: 'a.employer_id',
};

const SELECT = `SELECT t.*, a.agreement_no, a.snapshot FROM review_tasks t JOIN agreements a USING (agreement_id)`;

export function toTaskView(r: TaskRow, now: Date, overdueDays: number): ReviewTaskView {
  return {
    id: r.id,
    agreementId: r.agreement_id,
    agreementNo: r.agreement_no,
    graduate: r.snapshot.graduate,
    employer: r.snapshot.employer,
    method: r.method,
    submittedAt: r.submitted_at.toISOString(),
    status: r.status,
    overdue: isOverdue(r.status, r.submitted_at, now, overdueDays),
    decision:
      r.status === 'APPROVED' || r.status === 'REJECTED'
        ? {
            decision: r.status === 'APPROVED' ? 'APPROVE' : 'REJECT',
            reason: r.reason,
            reviewer: { userId: r.decided_by!, role: r.decided_role! },
            decidedAt: r.decided_at!.toISOString(),
          }
        : null,
  };
}

@Injectable()
export class ReviewTaskRepository {
  constructor(private readonly db: DataSource) {}

  /** One task per agreement: a redelivered signing event changes nothing. */
  async create(tx: EntityManager, a: AgreementSnapshot): Promise<void> {
    const [created] = await preparedQuery<{ id: string }>(
      tx,
      'review-task-create',
      `INSERT INTO review_tasks (agreement_id, school_code, department_code, method, submitted_at)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (agreement_id) DO NOTHING RETURNING id`,
      [a.agreementId, a.graduate.schoolCode, a.graduate.departmentCode, a.method, a.signedAt],
    );
    if (!created) return;
    await writeReviewAudit(tx, {
      aggregateType: 'review-task',
      aggregateId: created.id,
      action: 'TASK_OPENED',
      actor: null,
      payload: { agreementId: a.agreementId, agreementNo: a.agreementNo, method: a.method },
    });
  }

  async byId(id: string): Promise<TaskRow | null> {
    const [row] = (await this.db.query(`${SELECT} WHERE t.id = $1`, [id])) as TaskRow[];
    return row ?? null;
  }

  async byAgreement(tx: EntityManager, agreementId: string): Promise<TaskRow | null> {
    const [row] = (await tx.query(`${SELECT} WHERE t.agreement_id = $1`, [
      agreementId,
    ])) as TaskRow[];
    return row ?? null;
  }

  async decide(tx: EntityManager, id: string, d: TaskDecision): Promise<void> {
    const decided = (await tx.query(
      `WITH d AS (
         UPDATE review_tasks SET status = $2, reason = $3, decided_by = $4, decided_role = $5, decided_at = $6
          WHERE id = $1 AND status = 'PENDING' RETURNING id)
       SELECT id FROM d`,
      [id, d.status, d.reason, d.reviewer.userId, d.reviewer.role, d.decidedAt],
    )) as Array<{ id: string }>;
    if (decided.length === 0) return;
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
    const cancelled = (await tx.query(
      `WITH c AS (UPDATE review_tasks SET status = 'CANCELLED' WHERE agreement_id = $1 AND status = 'PENDING' RETURNING id) SELECT id FROM c`,
      [agreementId],
    )) as Array<{ id: string }>;
    for (const { id } of cancelled) {
      await writeReviewAudit(tx, {
        aggregateType: 'review-task',
        aggregateId: id,
        action: 'TASK_CANCELLED',
        actor,
        payload: { agreementId: agreementId.toLowerCase(), reason: 'AGREEMENT_TERMINATED' },
      });
    }
  }

  async list(
    scope: Reach,
    q: ReviewTaskListQuery,
    overdueDays: number,
  ): Promise<{ rows: TaskRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [scopeSql(scope, TASK_SCOPE_COLUMNS, params)];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.departmentCode) add('t.department_code = ?', q.departmentCode);
    if (q.status) add('t.status = ?', q.status);
    if (q.method) add('t.method = ?', q.method);
    if (q.overdue !== undefined) {
      const cond = `(t.status = 'PENDING' AND t.submitted_at < now() - make_interval(secs => ?::float8 * 86400))`;
      add(q.overdue ? cond : `NOT ${cond}`, overdueDays);
    }
    if (q.q) {
      add(
        `(a.snapshot->'graduate'->>'name' ILIKE ? OR a.snapshot->'graduate'->>'studentNo' ILIKE $${params.length + 1}
            OR a.agreement_no ILIKE $${params.length + 1} OR a.snapshot->'employer'->>'name' ILIKE $${params.length + 1})`,
        `%${q.q}%`,
      );
    }
    const filter = where.join(' AND ');
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM review_tasks t JOIN agreements a USING (agreement_id) WHERE ${filter}`,
      params,
    )) as [{ n: number }];
    const rows = (await this.db.query(
      `${SELECT} WHERE ${filter} ORDER BY t.submitted_at, t.id LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
      params,
    )) as TaskRow[];
    return { rows, total: n };
  }
}
