import { Injectable } from '@nestjs/common';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import type { PaperFormStatus, PaperFormView } from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { preparedQuery } from '@netsign/persistence';
import { writeReviewAudit, type ReviewAuditActor } from '../audit/review-audit.js';

interface PaperFormRow {
  id: string;
  school_code: string;
  department_code: string;
  class_name: string | null;
  graduate_id: string;
  graduate_name: string;
  student_no: string;
  form_no: string;
  status: PaperFormStatus;
  issued_at: Date;
  issued_by: string;
  issued_role: string;
  replaces_id: string | null;
  reissue_reason: string | null;
  collected_at: Date | null;
  agreement_id: string | null;
  voided_at: Date | null;
}

function toView(r: PaperFormRow): PaperFormView {
  return {
    id: r.id,
    schoolCode: r.school_code,
    departmentCode: r.department_code,
    graduateId: r.graduate_id,
    graduateName: r.graduate_name,
    studentNo: r.student_no,
    formNo: r.form_no,
    status: r.status,
    issuedAt: r.issued_at.toISOString(),
    issuedBy: { userId: r.issued_by, role: r.issued_role },
    replacesId: r.replaces_id,
    reissueReason: r.reissue_reason,
    collectedAt: r.collected_at?.toISOString() ?? null,
    agreementId: r.agreement_id,
    voidedAt: r.voided_at?.toISOString() ?? null,
  };
}

export interface NewPaperForm {
  schoolCode: string;
  departmentCode: string;
  /** The graduate's class at issue: a counsellor assigned the class sees the form. */
  className: string | null;
  graduateId: string;
  graduateName: string;
  studentNo: string;
  formNo: string;
  issuedBy: { userId: string; role: string };
  replacesId: string | null;
  reissueReason: string | null;
}

export interface PaperFormFilter {
  schoolCode: string;
  /** Whose forms the caller may see (the access policy's `graduate.issuePaperForm`). */
  scope: Reach;
  departmentCode?: string;
  graduateId?: string;
  status?: PaperFormStatus;
}

/** paper_forms in the access policy's terms (the class recorded at issue). */
const SCOPE_COLUMNS: ScopeColumns = {
  graduateId: 'graduate_id',
  schoolCode: 'school_code',
  departmentCode: 'department_code',
  className: 'class_name',
};

@Injectable()
export class PaperFormRepository {
  constructor(private readonly db: DataSource) {}

  /** The graduate's forms, newest first, locked for the change being made. */
  async lockForms(
    tx: EntityManager,
    graduateId: string,
  ): Promise<Array<{ id: string; status: PaperFormStatus }>> {
    return tx.query(
      `SELECT id, status FROM paper_forms WHERE graduate_id = $1 ORDER BY issued_at DESC, id FOR UPDATE`,
      [graduateId],
    );
  }

  async insert(tx: EntityManager, f: NewPaperForm): Promise<PaperFormView> {
    const [row] = (await tx.query(
      `INSERT INTO paper_forms (school_code, department_code, graduate_id, graduate_name, student_no, form_no, status,
         issued_by, issued_role, replaces_id, reissue_reason, class_name)
       VALUES ($1, $2, $3, $4, $5, $6, 'ISSUED', $7, $8, $9, $10, $11) RETURNING *`,
      [
        f.schoolCode,
        f.departmentCode,
        f.graduateId,
        f.graduateName,
        f.studentNo,
        f.formNo,
        f.issuedBy.userId,
        f.issuedBy.role,
        f.replacesId,
        f.reissueReason,
        f.className,
      ],
    )) as PaperFormRow[];
    await writeReviewAudit(tx, {
      aggregateType: 'paper-form',
      aggregateId: row!.id,
      action: 'PAPER_FORM_ISSUED',
      actor: f.issuedBy,
      payload: {
        graduateId: f.graduateId,
        formNo: f.formNo,
        replacesId: f.replacesId,
        reason: f.reissueReason,
      },
    });
    return toView(row!);
  }

  async void(tx: EntityManager, id: string, actor: ReviewAuditActor): Promise<void> {
    const voided = (await tx.query(
      `WITH v AS (UPDATE paper_forms SET status = 'VOIDED', voided_at = now() WHERE id = $1 AND status = 'ISSUED' RETURNING id) SELECT id FROM v`,
      [id],
    )) as Array<{ id: string }>;
    if (voided.length === 0) return;
    await writeReviewAudit(tx, {
      aggregateType: 'paper-form',
      aggregateId: id,
      action: 'PAPER_FORM_VOIDED',
      actor,
      payload: {},
    });
  }

  /** The graduate signed online: the form they held is to be handed back (collected). */
  async collect(
    tx: EntityManager,
    graduateId: string,
    agreementId: string,
    at: string,
  ): Promise<void> {
    const collected = await preparedQuery<{ id: string }>(
      tx,
      'review-paper-form-collect',
      `WITH c AS (
         UPDATE paper_forms SET status = 'COLLECTED', collected_at = $3, agreement_id = $2 WHERE graduate_id = $1 AND status = 'ISSUED' RETURNING id)
       SELECT id FROM c`,
      [graduateId, agreementId, at],
    );
    for (const { id } of collected) {
      await writeReviewAudit(tx, {
        aggregateType: 'paper-form',
        aggregateId: id,
        action: 'PAPER_FORM_COLLECTED',
        actor: null,
        payload: { agreementId: agreementId.toLowerCase() },
      });
    }
  }

  async list(
    f: PaperFormFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: PaperFormView[]; total: number }> {
    const { where, params } = this.where(f);
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM paper_forms WHERE ${where}`,
      params,
    )) as [{ n: number }];
    const rows = (await this.db.query(
      `SELECT * FROM paper_forms WHERE ${where} ORDER BY issued_at, id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
      params,
    )) as PaperFormRow[];
    return { items: rows.map(toView), total: n };
  }

  private where(f: PaperFormFilter): { where: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => clauses.push(sql.replace('?', `$${params.push(v)}`));
    add('school_code = ?', f.schoolCode);
    clauses.push(scopeSql(f.scope, SCOPE_COLUMNS, params));
    if (f.departmentCode) add('department_code = ?', f.departmentCode);
    if (f.graduateId) add('graduate_id = ?', f.graduateId);
    if (f.status) add('status = ?', f.status);
    return { where: clauses.join(' AND '), params };
  }
}
