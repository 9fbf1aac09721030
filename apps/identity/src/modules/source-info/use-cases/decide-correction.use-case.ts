import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  graduateRosterUpserted,
  Role,
  ServiceError,
  sourceInfoCorrectionDecided,
  type CorrectionChanges,
  type Principal,
  type SourceInfoCorrection,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource, type EntityManager } from 'typeorm';
import { regionCodeOfName } from '@netsign/standard-codes';
import { writeAudit } from '../../audit/audit.js';
import { GraduatesRepository, toSnapshot } from '../../roster/graduates.repository.js';
import { CorrectionsRepository } from '../corrections.repository.js';

const COLUMN: Record<keyof CorrectionChanges, string> = {
  name: 'name',
  gender: 'gender',
  major: 'major',
  degree: 'degree',
  className: 'class_name',
  originPlace: 'origin_place',
};

/** The school admin approves (the record changes, roster event) or rejects with a reason. */
@Injectable()
export class DecideCorrectionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
    private readonly corrections: CorrectionsRepository,
  ) {}

  async execute(
    principal: Principal | null,
    input: { schoolCode: string; id: string; decision: 'APPROVE' | 'REJECT'; reason?: string },
  ): Promise<SourceInfoCorrection> {
    const actor = requireRole(principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, input.schoolCode);
    await this.db.transaction(async (tx) => {
      const c = await this.corrections.byId(input.id, tx, true);
      if (!c || c.schoolCode !== input.schoolCode)
        throw new ServiceError(ErrorCode.NOT_FOUND, '更正申请不存在');
      if (c.status !== 'PENDING')
        throw new ServiceError(ErrorCode.INVALID_STATE, '该更正申请已处理');
      const status = input.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
      await tx.query(
        `UPDATE source_info_corrections SET status = $2, decided_by = $3, decided_at = now(), decision_reason = $4 WHERE id = $1`,
        [c.id, status, actor.userId, input.reason ?? null],
      );
      if (input.decision === 'APPROVE') await this.apply(tx, actor, c);
      await writeAudit(tx, {
        actor,
        action: `SOURCE_INFO_CORRECTION_${status}`,
        subjectType: 'graduate',
        subjectId: c.graduateId,
        before: { status: 'PENDING' },
        after: { status, correctionId: c.id },
        reason: input.reason ?? null,
      });
      await publishEvent(tx, sourceInfoCorrectionDecided, {
        aggregateId: c.graduateId,
        payload: {
          correctionId: c.id,
          graduateId: c.graduateId,
          schoolCode: c.schoolCode,
          decision: input.decision,
          reason: input.reason ?? null,
        },
      });
    });
    return (await this.corrections.byId(input.id))!;
  }

  private async apply(tx: EntityManager, actor: Principal, c: SourceInfoCorrection): Promise<void> {
    const before = await this.graduates.byId(c.graduateId, tx, true);
    const entries = Object.entries(c.changes) as Array<[keyof CorrectionChanges, string]>;
    if (before) {
      const snapshot = toSnapshot(before);
      await this.corrections.recordReplaced(
        tx,
        c.id,
        Object.fromEntries(entries.map(([field]) => [field, snapshot[field]])),
      );
    }
    const sets = entries.map(([field], i) => `${COLUMN[field]} = $${i + 2}`);
    const values: Array<string | null> = entries.map(([, v]) => v);
    // A corrected 生源地 keeps a code only when the new text is exactly one region's name.
    if (c.changes.originPlace !== undefined) {
      sets.push(`origin_region_code = $${values.length + 2}`);
      values.push(regionCodeOfName(c.changes.originPlace) ?? null);
    }
    await tx.query(`UPDATE graduates SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
      c.graduateId,
      ...values,
    ]);
    const after = (await this.graduates.byId(c.graduateId, tx))!;
    await writeAudit(tx, {
      actor,
      action: 'ROSTER_RECORD_CORRECTED',
      subjectType: 'graduate',
      subjectId: c.graduateId,
      before: before ? toSnapshot(before) : null,
      after: toSnapshot(after),
    });
    await publishEvent(tx, graduateRosterUpserted, {
      aggregateId: after.id,
      payload: toSnapshot(after),
    });
  }
}
