import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { scopeSql, type Reach, type ScopeColumns } from '@netsign/auth';
import type {
  Decider,
  TerminationApplicant,
  TerminationStatus,
  TerminationView,
} from '@netsign/contracts';
import { hydrate } from '@netsign/persistence';
import { In, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { AgreementEntity } from '../agreements/agreement.entity.js';
import { writeReviewAudit, type ReviewAuditActor } from '../audit/review-audit.js';
import type { StoredFileEntity } from '../files/stored-file.entity.js';
import type { TerminationOutcome } from './domain/termination-rules.js';
import { TerminationMaterialEntity } from './termination-material.entity.js';
import { TerminationEntity } from './termination.entity.js';

/** The agreement a termination is about, which every read here joins (`t.agreement`). */
export function agreementOf(t: Pick<TerminationEntity, 'id' | 'agreement'>): AgreementEntity {
  if (!t.agreement) throw new Error(`termination ${t.id} was read without its agreement`);
  return t.agreement;
}

function fileOfMaterial(m: TerminationMaterialEntity): StoredFileEntity {
  if (!m.file) throw new Error(`termination material ${m.id} was read without its file`);
  return m.file;
}

/** A termination read by this repository (its agreement and materials loaded) as the API shows it. */
export function toTerminationView(t: TerminationEntity): TerminationView {
  const a = agreementOf(t);
  const g = a.snapshot.graduate;
  return {
    id: t.id,
    agreementId: t.agreementId,
    agreementNo: a.agreementNo,
    status: t.status,
    applicant: t.applicant,
    reason: t.reason,
    materials: (t.materials ?? []).map((m) => {
      const f = fileOfMaterial(m);
      return {
        id: m.id,
        fileName: f.fileName,
        size: f.size,
        contentType: f.contentType,
        sha256: f.sha256,
      };
    }),
    graduate: {
      graduateId: g.graduateId,
      name: g.name,
      studentNo: g.studentNo,
      departmentCode: g.departmentCode,
      className: g.className,
    },
    employerName: a.snapshot.employer.name,
    appliedAt: t.appliedAt.toISOString(),
    withdrawnAt: t.withdrawnAt?.toISOString() ?? null,
    decision: t.decision
      ? {
          decision: t.decision,
          reason: t.decisionReason,
          decider: { userId: t.decidedBy!, role: t.decidedRole! },
          decidedAt: t.decidedAt!.toISOString(),
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

/** Tables `terminations` and `termination_materials`: the only place that reads or writes them. */
@Injectable()
export class TerminationRepository {
  constructor(
    @InjectRepository(TerminationEntity)
    private readonly terminations: Repository<TerminationEntity>,
    @InjectRepository(TerminationMaterialEntity)
    private readonly materials: Repository<TerminationMaterialEntity>,
  ) {}

  async insert(
    tx: EntityManager,
    t: Pick<
      TerminationEntity,
      'agreementId' | 'graduateId' | 'schoolCode' | 'applicant' | 'reason'
    >,
  ): Promise<string> {
    const terminations = tx.getRepository(TerminationEntity);
    const termination = terminations.create({
      agreementId: t.agreementId,
      graduateId: t.graduateId,
      schoolCode: t.schoolCode,
      status: 'PENDING',
      applicant: t.applicant,
      reason: t.reason,
    });
    await terminations.insert(termination);
    return termination.id;
  }

  async addMaterials(tx: EntityManager, terminationId: string, fileIds: string[]): Promise<void> {
    if (fileIds.length === 0) return;
    await tx
      .getRepository(TerminationMaterialEntity)
      .insert(fileIds.map((fileId, position) => ({ terminationId, fileId, position })));
  }

  /** The termination with its agreement and materials. */
  async get(id: string): Promise<TerminationEntity | null> {
    const t = await this.withAgreement().where('t.id = :id', { id }).getOne();
    if (!t) return null;
    await this.attachMaterials([t]);
    return t;
  }

  /** The termination alone (no agreement, no materials), its row locked for the change being made. */
  async lock(tx: EntityManager, id: string): Promise<TerminationEntity | null> {
    return tx
      .getRepository(TerminationEntity)
      .findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async hasPending(tx: EntityManager, agreementId: string): Promise<boolean> {
    return tx.getRepository(TerminationEntity).existsBy({ agreementId, status: 'PENDING' });
  }

  async hasAgreed(tx: EntityManager, agreementId: string): Promise<boolean> {
    return tx.getRepository(TerminationEntity).existsBy({ agreementId, status: 'AGREED' });
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
          `UPDATE terminations SET status = 'WITHDRAWN', withdrawn_at = now() WHERE id = $1 AND status = 'PENDING' RETURNING *`,
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
        WHERE id = $1 AND status = 'PENDING' RETURNING *`,
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
      `UPDATE terminations SET status = 'CLOSED' WHERE agreement_id = $1 AND status = 'PENDING' RETURNING *`,
      [agreementId],
    );
    for (const { id } of closed) {
      await writeReviewAudit(tx, {
        aggregateType: 'termination',
        aggregateId: id,
        action: 'TERMINATION_CLOSED',
        actor,
        payload: { reason: 'AGREEMENT_REJECTED' },
      });
    }
  }

  /**
   * The rows an `UPDATE … WHERE status = 'PENDING' RETURNING *` changed (kept as SQL: the status
   * guard and the answer in one statement), through the table's one mapping (`hydrate`).
   */
  private async changed(
    tx: EntityManager,
    update: string,
    params: unknown[],
  ): Promise<TerminationEntity[]> {
    const rows: Array<Record<string, unknown>> = await tx.query(
      `WITH changed AS (${update}) SELECT * FROM changed`,
      params,
    );
    return rows.map((row) => hydrate(tx, TerminationEntity, row));
  }

  /** The applications in the filter's scope, oldest first, with their agreements and materials. */
  async list(
    f: TerminationFilter,
    page: number,
    pageSize: number,
  ): Promise<[TerminationEntity[], number]> {
    const qb = this.withAgreement();
    const params: unknown[] = [];
    const scope = scopeSql(f.scope, SCOPE_COLUMNS, params);
    const named: Record<string, unknown> = {};
    params.forEach((value, i) => (named[`scope${i + 1}`] = value));
    qb.where(scope.replace(/\$(\d+)/g, ':scope$1'), named);
    if (f.agreementId) qb.andWhere('t.agreementId = :agreementId', { agreementId: f.agreementId });
    if (f.status) qb.andWhere('t.status = :status', { status: f.status });
    const [terminations, total] = await qb
      .orderBy('t.appliedAt')
      .addOrderBy('t.id')
      .offset((page - 1) * pageSize)
      .limit(pageSize)
      .getManyAndCount();
    await this.attachMaterials(terminations);
    return [terminations, total];
  }

  async materialFile(terminationId: string, materialId: string): Promise<StoredFileEntity | null> {
    const material = await this.materials
      .createQueryBuilder('m')
      .innerJoinAndSelect('m.file', 'f')
      .where('m.terminationId = :terminationId AND m.id = :materialId', {
        terminationId,
        materialId,
      })
      .getOne();
    return material ? fileOfMaterial(material) : null;
  }

  private withAgreement(): SelectQueryBuilder<TerminationEntity> {
    return this.terminations.createQueryBuilder('t').innerJoinAndSelect('t.agreement', 'a');
  }

  /** Loads the terminations' materials (with their files) in one query, in position order. */
  private async attachMaterials(terminations: TerminationEntity[]): Promise<void> {
    if (terminations.length === 0) return;
    const materials = await this.materials.find({
      where: { terminationId: In(terminations.map((t) => t.id)) },
      relations: { file: true },
      order: { position: 'ASC' },
    });
    for (const t of terminations) t.materials = materials.filter((m) => m.terminationId === t.id);
  }
}
