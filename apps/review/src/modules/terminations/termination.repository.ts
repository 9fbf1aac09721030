import { Injectable } from '@nestjs/common';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import type {
  AgreementSnapshot,
  Decider,
  TerminationApplicant,
  TerminationStatus,
  TerminationView,
} from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { writeReviewAudit, type ReviewAuditActor } from '../audit/review-audit.js';
import type { StoredFileRow } from '../files/uploads.repository.js';
import type { TerminationOutcome } from './domain/termination-rules.js';

export interface TerminationRow {
  id: string;
  agreement_id: string;
  graduate_id: string;
  school_code: string;
  status: TerminationStatus;
  applicant: TerminationApplicant;
  reason: string;
  applied_at: Date;
  withdrawn_at: Date | null;
  decision: 'AGREE' | 'DISAGREE' | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_role: string | null;
  decided_at: Date | null;
  agreement_no: string;
  employer_id: string;
  snapshot: AgreementSnapshot;
  materials: TerminationView['materials'];
}

const SELECT = `SELECT t.*, a.agreement_no, a.employer_id, a.snapshot,
    coalesce((SELECT json_agg(json_build_object('id', m.id, 'fileName', f.file_name, 'size', f.size,
        'contentType', f.content_type, 'sha256', f.sha256) ORDER BY m.position)
      FROM termination_materials m JOIN stored_files f ON f.id = m.file_id WHERE m.termination_id = t.id), '[]') AS materials
  FROM terminations t JOIN agreements a USING (agreement_id)`;

export function toTerminationView(r: TerminationRow): TerminationView {
  const g = r.snapshot.graduate;
  return {
    id: r.id,
    agreementId: r.agreement_id,
    agreementNo: r.agreement_no,
    status: r.status,
    applicant: r.applicant,
    reason: r.reason,
    materials: r.materials,
    graduate: {
      graduateId: g.graduateId,
      name: g.name,
      studentNo: g.studentNo,
      departmentCode: g.departmentCode,
      className: g.className,
    },
    employerName: r.snapshot.employer.name,
    appliedAt: r.applied_at.toISOString(),
    withdrawnAt: r.withdrawn_at?.toISOString() ?? null,
    decision: r.decision
      ? {
          decision: r.decision,
          reason: r.decision_reason,
          decider: { userId: r.decided_by!, role: r.decided_role! },
          decidedAt: r.decided_at!.toISOString(),
        }
      : null,
  };
}

export interface TerminationFilter {
  /** Whose applications the caller may see (the access policy's `termination.see`). */
  scope: Reach;
  /** One agreement's applications (within the caller's scope). */
  agreementId?: string;
  status?: TerminationStatus;
}

/** A termination and its agreement (`t`, `a`) in the access policy's terms (the class frozen in the agreement). */
const SCOPE_COLUMNS: ScopeColumns = {
  graduateId: 't.graduate_id',
  schoolCode: 't.school_code',
  departmentCode: 'a.department_code',
  className: 'a.class_name',
  employerId: 'a.employer_id',
};

@Injectable()
export class TerminationRepository {
  constructor(private readonly db: DataSource) {}

  async insert(
    tx: EntityManager,
    t: {
      agreementId: string;
      graduateId: string;
      schoolCode: string;
      applicant: TerminationApplicant;
      reason: string;
    },
  ): Promise<string> {
    const [row] = (await tx.query(
      `INSERT INTO terminations (agreement_id, graduate_id, school_code, status, applicant, reason) VALUES ($1, $2, $3, 'PENDING', $4, $5) RETURNING id`,
      [t.agreementId, t.graduateId, t.schoolCode, t.applicant, t.reason],
    )) as Array<{ id: string }>;
    return row!.id;
  }

  async addMaterials(tx: EntityManager, terminationId: string, fileIds: string[]): Promise<void> {
    for (const [position, fileId] of fileIds.entries()) {
      await tx.query(
        `INSERT INTO termination_materials (termination_id, file_id, position) VALUES ($1, $2, $3)`,
        [terminationId, fileId, position],
      );
    }
  }

  async get(id: string, tx?: EntityManager, lock = false): Promise<TerminationRow | null> {
    const [row] = (await (tx ?? this.db).query(
      `${SELECT} WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`,
      [id],
    )) as TerminationRow[];
    return row ?? null;
  }

  async hasPending(tx: EntityManager, agreementId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM terminations WHERE agreement_id = $1 AND status = 'PENDING'`,
      [agreementId],
    );
    return rows.length > 0;
  }

  async hasAgreed(tx: EntityManager, agreementId: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM terminations WHERE agreement_id = $1 AND status = 'AGREED'`,
      [agreementId],
    );
    return rows.length > 0;
  }

  /** A party applied (after its materials are stored): the first entry of the application's audit chain. */
  async recordApplied(
    tx: EntityManager,
    id: string,
    applicant: ReviewAuditActor,
    t: { agreementId: string; reason: string; materialFileIds: string[] },
  ): Promise<void> {
    await writeReviewAudit(tx, {
      aggregateType: 'termination',
      aggregateId: id,
      action: 'TERMINATION_APPLIED',
      actor: applicant,
      payload: {
        agreementId: t.agreementId.toLowerCase(),
        reason: t.reason,
        materials: t.materialFileIds,
      },
    });
  }

  async withdraw(tx: EntityManager, id: string, actor: ReviewAuditActor): Promise<void> {
    if (
      !(
        await this.changed(
          tx,
          `UPDATE terminations SET status = 'WITHDRAWN', withdrawn_at = now() WHERE id = $1 AND status = 'PENDING' RETURNING id`,
          [id],
        )
      ).length
    )
      return;
    await writeReviewAudit(tx, {
      aggregateType: 'termination',
      aggregateId: id,
      action: 'TERMINATION_WITHDRAWN',
      actor,
      payload: {},
    });
  }

  async decide(
    tx: EntityManager,
    id: string,
    o: TerminationOutcome & { decision: 'AGREE' | 'DISAGREE'; decider: Decider; at: Date },
  ): Promise<void> {
    const decided = await this.changed(
      tx,
      `UPDATE terminations SET status = $2, decision = $3, decision_reason = $4, decided_by = $5, decided_role = $6, decided_at = $7
        WHERE id = $1 AND status = 'PENDING' RETURNING id`,
      [id, o.status, o.decision, o.reason, o.decider.userId, o.decider.role, o.at],
    );
    if (!decided.length) return;
    await writeReviewAudit(tx, {
      aggregateType: 'termination',
      aggregateId: id,
      action: `TERMINATION_${o.status}`,
      actor: o.decider,
      payload: { decision: o.decision, reason: o.reason },
    });
  }

  /** The agreement was rejected: an open application about it has nothing left to end. */
  async closeOpen(tx: EntityManager, agreementId: string, actor: ReviewAuditActor): Promise<void> {
    const closed = await this.changed(
      tx,
      `UPDATE terminations SET status = 'CLOSED' WHERE agreement_id = $1 AND status = 'PENDING' RETURNING id`,
      [agreementId],
    );
    for (const id of closed) {
      await writeReviewAudit(tx, {
        aggregateType: 'termination',
        aggregateId: id,
        action: 'TERMINATION_CLOSED',
        actor,
        payload: { reason: 'AGREEMENT_REJECTED' },
      });
    }
  }

  /** The ids an `UPDATE … RETURNING id` changed. */
  private async changed(tx: EntityManager, update: string, params: unknown[]): Promise<string[]> {
    const rows = (await tx.query(
      `WITH changed AS (${update}) SELECT id FROM changed`,
      params,
    )) as Array<{ id: string }>;
    return rows.map((r) => r.id);
  }

  async list(
    f: TerminationFilter,
    page: number,
    pageSize: number,
  ): Promise<{ rows: TerminationRow[]; total: number }> {
    const { where, params } = this.where(f);
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM terminations t JOIN agreements a USING (agreement_id) WHERE ${where}`,
      params,
    )) as [{ n: number }];
    const rows = (await this.db.query(
      `${SELECT} WHERE ${where} ORDER BY t.applied_at, t.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    )) as TerminationRow[];
    return { rows, total: n };
  }

  async materialFile(terminationId: string, materialId: string): Promise<StoredFileRow | null> {
    const [row] = (await this.db.query(
      `SELECT f.* FROM termination_materials m JOIN stored_files f ON f.id = m.file_id WHERE m.termination_id = $1 AND m.id = $2`,
      [terminationId, materialId],
    )) as StoredFileRow[];
    return row ?? null;
  }

  private where(f: TerminationFilter): { where: string; params: unknown[] } {
    const params: unknown[] = [];
    const clauses: string[] = [scopeSql(f.scope, SCOPE_COLUMNS, params)];
    const add = (sql: string, v: unknown) => clauses.push(sql.replace('?', `$${params.push(v)}`));
    if (f.agreementId) add('t.agreement_id = ?', f.agreementId);
    if (f.status) add('t.status = ?', f.status);
    return { where: clauses.join(' AND '), params };
  }
}
