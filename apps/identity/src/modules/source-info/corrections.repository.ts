import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { SourceInfoCorrection } from '@netsign/contracts';
import type { EntityManager, Repository, SelectQueryBuilder } from 'typeorm';
import { SourceInfoCorrectionEntity } from './source-info-correction.entity.js';

function toCorrection(c: SourceInfoCorrectionEntity): SourceInfoCorrection {
  return {
    id: c.id,
    graduateId: c.graduateId,
    schoolCode: c.schoolCode,
    studentNo: c.graduate!.studentNo,
    graduateName: c.graduate!.name,
    changes: c.changes,
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

  /** Corrections with the graduate's student number and name. */
  private withGraduate(tx?: EntityManager): SelectQueryBuilder<SourceInfoCorrectionEntity> {
    return this.on(tx)
      .createQueryBuilder('c')
      .innerJoin('c.graduate', 'g')
      .addSelect(['g.id', 'g.studentNo', 'g.name']);
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
