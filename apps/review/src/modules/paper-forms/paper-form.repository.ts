import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import type { PaperFormStatus, PaperFormView } from '@netsign/contracts';
import { hydrate, preparedQuery } from '@netsign/persistence';
import type { EntityManager, Repository } from 'typeorm';
import { writeReviewAudit, type ReviewAuditActor } from '../audit/review-audit.js';
import { PaperFormEntity } from './paper-form.entity.js';

/** A paper form as the API shows it. */
export function toPaperFormView(f: PaperFormEntity): PaperFormView {
  return {
    id: f.id,
    schoolCode: f.schoolCode,
    departmentCode: f.departmentCode,
    graduateId: f.graduateId,
    graduateName: f.graduateName,
    studentNo: f.studentNo,
    formNo: f.formNo,
    status: f.status,
    issuedAt: f.issuedAt.toISOString(),
    issuedBy: { userId: f.issuedBy, role: f.issuedRole },
    replacesId: f.replacesId,
    reissueReason: f.reissueReason,
    collectedAt: f.collectedAt?.toISOString() ?? null,
    agreementId: f.agreementId,
    voidedAt: f.voidedAt?.toISOString() ?? null,
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
  graduateId: 'f.graduate_id',
  schoolCode: 'f.school_code',
  departmentCode: 'f.department_code',
  className: 'f.class_name',
};

/** Table `paper_forms`: the only place that reads or writes it. */
@Injectable()
export class PaperFormRepository {
  constructor(
    @InjectRepository(PaperFormEntity) private readonly forms: Repository<PaperFormEntity>,
  ) {}

  /** The graduate's forms (id and status), newest first, locked for the change being made. */
  async lockForms(tx: EntityManager, graduateId: string): Promise<PaperFormEntity[]> {
    return tx.getRepository(PaperFormEntity).find({
      select: { id: true, status: true },
      where: { graduateId },
      order: { issuedAt: 'DESC', id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Issues a form; the answer carries the id and issue time the database gave it. */
  async insert(tx: EntityManager, f: NewPaperForm): Promise<PaperFormEntity> {
    const forms = tx.getRepository(PaperFormEntity);
    const form = forms.create({
      schoolCode: f.schoolCode,
      departmentCode: f.departmentCode,
      className: f.className,
      graduateId: f.graduateId,
      graduateName: f.graduateName,
      studentNo: f.studentNo,
      formNo: f.formNo,
      status: 'ISSUED',
      issuedBy: f.issuedBy.userId,
      issuedRole: f.issuedBy.role,
      replacesId: f.replacesId,
      reissueReason: f.reissueReason,
      collectedAt: null,
      agreementId: null,
      voidedAt: null,
    });
    await forms.insert(form);
    await writeReviewAudit(tx, {
      aggregateType: 'paper-form',
      aggregateId: form.id,
      action: 'PAPER_FORM_ISSUED',
      actor: f.issuedBy,
      payload: {
        graduateId: f.graduateId,
        formNo: f.formNo,
        replacesId: f.replacesId,
        reason: f.reissueReason,
      },
    });
    return form;
  }

  async void(tx: EntityManager, id: string, actor: ReviewAuditActor): Promise<void> {
    const voided = await tx
      .getRepository(PaperFormEntity)
      .update({ id, status: 'ISSUED' }, { status: 'VOIDED', voidedAt: () => 'now()' });
    if (!voided.affected) return;
    await writeReviewAudit(tx, {
      aggregateType: 'paper-form',
      aggregateId: id,
      action: 'PAPER_FORM_VOIDED',
      actor,
      payload: {},
    });
  }

  /**
   * The graduate signed online: the form they held is to be handed back (collected). Kept as a
   * prepared statement (every signing event); rows map through the entity (`hydrate`).
   */
  async collect(
    tx: EntityManager,
    graduateId: string,
    agreementId: string,
    at: string,
  ): Promise<void> {
    const rows = await preparedQuery(
      tx,
      'review-paper-form-collect-returning',
      `WITH c AS (
         UPDATE paper_forms SET status = 'COLLECTED', collected_at = $3, agreement_id = $2 WHERE graduate_id = $1 AND status = 'ISSUED' RETURNING *)
       SELECT * FROM c`,
      [graduateId, agreementId, at],
    );
    for (const { id } of rows.map((row) => hydrate(tx, PaperFormEntity, row))) {
      await writeReviewAudit(tx, {
        aggregateType: 'paper-form',
        aggregateId: id,
        action: 'PAPER_FORM_COLLECTED',
        actor: null,
        payload: { agreementId: agreementId.toLowerCase() },
      });
    }
  }

  /** The forms of the school in the filter's scope, oldest first. */
  async list(
    f: PaperFormFilter,
    page: number,
    pageSize: number,
  ): Promise<[PaperFormEntity[], number]> {
    const qb = this.forms
      .createQueryBuilder('f')
      .where('f.schoolCode = :schoolCode', { schoolCode: f.schoolCode });
    const values: unknown[] = [];
    const scoped = scopeSql(f.scope, SCOPE_COLUMNS, values);
    const params: Record<string, unknown> = {};
    values.forEach((value, i) => (params[`scope${i + 1}`] = value));
    qb.andWhere(scoped.replace(/\$(\d+)/g, ':scope$1'), params);
    if (f.departmentCode)
      qb.andWhere('f.departmentCode = :departmentCode', { departmentCode: f.departmentCode });
    if (f.graduateId) qb.andWhere('f.graduateId = :graduateId', { graduateId: f.graduateId });
    if (f.status) qb.andWhere('f.status = :status', { status: f.status });
    return qb
      .orderBy('f.issuedAt')
      .addOrderBy('f.id')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
  }
}
