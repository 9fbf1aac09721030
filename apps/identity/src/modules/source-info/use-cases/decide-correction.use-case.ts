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
import {
  GraduatesRepository,
  toSnapshot,
  type GraduateCorrection,
} from '../../roster/graduates.repository.js';
import { CorrectionsRepository } from '../corrections.repository.js';

/** The fields a correction may change (named as on the graduate entity). */
const FIELDS: ReadonlyArray<keyof CorrectionChanges> = [
  'name',
  'gender',
  'major',
  'degree',
  'className',
  'originPlace',
];

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
      await this.corrections.decide(tx, c.id, {
        status,
        decidedBy: actor.userId,
        decisionReason: input.reason ?? null,
      });
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
    const corrected = FIELDS.filter((f) => c.changes[f] !== undefined);
    const changes: GraduateCorrection = Object.fromEntries(corrected.map((f) => [f, c.changes[f]]));
    // What the approval replaces, for the reviewer's page once the record has changed.
    if (before) {
      const snapshot = toSnapshot(before);
      await this.corrections.recordReplaced(
        tx,
        c.id,
        Object.fromEntries(corrected.map((f) => [f, snapshot[f]])),
      );
    }
    // A corrected 生源地 keeps a code only when the new text is exactly one region's name.
    if (c.changes.originPlace !== undefined) {
      changes.originRegionCode = regionCodeOfName(c.changes.originPlace) ?? null;
    }
    await this.graduates.applyCorrection(tx, c.graduateId, changes);
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
