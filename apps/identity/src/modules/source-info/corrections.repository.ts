import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { CorrectionBefore, CorrectionChanges, SourceInfoCorrection } from '@netsign/contracts';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { SourceInfoCorrectionEntity } from './source-info-correction.entity.js';

/** The correctable fields of the graduate's record as it is now. */
function currentValues(c: SourceInfoCorrectionEntity): Required<CorrectionBefore> {
  const g = c.graduate!;
  return {
    name: g.name,
    gender: g.gender,
    major: g.major,
    degree: g.degree,
    className: g.className,
    originPlace: g.originPlace,
  };
}

/**
 * The changed fields' values before the correction: the record's current ones while undecided or
 * rejected, what the approval replaced once approved (unknown for approvals before that was kept).
 */
function beforeOf(c: SourceInfoCorrectionEntity): CorrectionBefore {
  const source: CorrectionBefore = c.status === 'APPROVED' ? (c.replaced ?? {}) : currentValues(c);
  const before: CorrectionBefore = {};
  for (const field of Object.keys(c.changes) as Array<keyof CorrectionChanges>) {
    if (field in source) before[field] = source[field] ?? null;
  }
  return before;
}

function toCorrection(c: SourceInfoCorrectionEntity): SourceInfoCorrection {
  return {
    id: c.id,
    graduateId: c.graduateId,
    schoolCode: c.schoolCode,
    studentNo: c.graduate!.studentNo,
    graduateName: c.graduate!.name,
    changes: c.changes,
    before: beforeOf(c),
    reason: c.reason,
    status: c.status,
    requestedAt: c.requestedAt.toISOString(),
    decidedAt: c.decidedAt?.toISOString() ?? null,
    decisionReason: c.decisionReason,
  };
}

/** Table `source_info_corrections`: the only place that reads or writes it. */
@Injectable()
export class CorrectionsRepository {
  constructor(
    @InjectRepository(SourceInfoCorrectionEntity)
    private readonly corrections: Repository<SourceInfoCorrectionEntity>,
  ) {}

  private on(tx?: EntityManager): Repository<SourceInfoCorrectionEntity> {
    return tx ? tx.getRepository(SourceInfoCorrectionEntity) : this.corrections;
  }

  /** Corrections with the graduate's student number, name and the correctable fields as they are now. */
  private withGraduate(tx?: EntityManager): SelectQueryBuilder<SourceInfoCorrectionEntity> {
    return this.on(tx)
      .createQueryBuilder('c')
      .innerJoin('c.graduate', 'g')
      .addSelect([
        'g.id',
        'g.studentNo',
        'g.name',
        'g.gender',
        'g.major',
        'g.degree',
        'g.className',
        'g.originPlace',
      ]);
  }

  async byId(id: string, tx?: EntityManager, lock = false): Promise<SourceInfoCorrection | null> {
    const qb = this.withGraduate(tx).where('c.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write', undefined, ['c']);
    const c = await qb.getOne();
    return c ? toCorrection(c) : null;
  }

  /** The school's corrections, newest first (500 at most), optionally of one status. */
  async list(schoolCode: string, status?: string): Promise<SourceInfoCorrection[]> {
    const qb = this.withGraduate().where('c.schoolCode = :schoolCode', { schoolCode });
    if (status) qb.andWhere('c.status = :status', { status });
    const rows = await qb.orderBy('c.requestedAt', 'DESC').limit(500).getMany();
    return rows.map(toCorrection);
  }

  /** Keeps what an approval replaced (inside the approval's transaction, before the record changes). */
  async recordReplaced(tx: EntityManager, id: string, replaced: CorrectionBefore): Promise<void> {
    await this.on(tx).update({ id }, { replaced });
  }

  async hasPending(graduateId: string, tx?: EntityManager): Promise<boolean> {
    return this.on(tx).existsBy({ graduateId, status: 'PENDING' });
  }

  /** A PENDING request; its id comes back (the one-pending index refuses a second). */
  async insert(
    tx: EntityManager,
    fields: Pick<SourceInfoCorrectionEntity, 'graduateId' | 'schoolCode' | 'changes' | 'reason'>,
  ): Promise<string> {
    const correction = this.on(tx).create(fields);
    await this.on(tx).insert(correction);
    return correction.id;
  }

  async decide(
    tx: EntityManager,
    id: string,
    decision: Pick<SourceInfoCorrectionEntity, 'status' | 'decidedBy' | 'decisionReason'>,
  ): Promise<void> {
    await this.on(tx)
      .createQueryBuilder()
      .update()
      .set({ ...decision, decidedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }
}
