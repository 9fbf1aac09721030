import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type CorrectionChanges,
  type Principal,
  type SourceInfoCorrection,
} from '@netsign/contracts';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { GraduatesRepository } from '../../roster/graduates.repository.js';
import { CorrectionsRepository } from '../corrections.repository.js';

/** A graduate asks the school to correct the record; nothing changes until the admin approves. */
@Injectable()
export class RequestCorrectionUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
    private readonly corrections: CorrectionsRepository,
  ) {}

  async execute(
    principal: Principal | null,
    changes: CorrectionChanges,
    reason: string,
  ): Promise<SourceInfoCorrection> {
    const p = requireRole(principal, Role.GRADUATE);
    if (changes.gender !== undefined && !['男', '女'].includes(changes.gender)) {
      throw new ServiceError(ErrorCode.VALIDATION_FAILED, '性别应为“男”或“女”', {
        fields: [{ field: 'changes.gender', message: '性别应为“男”或“女”' }],
      });
    }
    const g = p.graduateId ? await this.graduates.byId(p.graduateId) : null;
    if (!g || g.wechatOpenId !== p.openId)
      throw new ServiceError(ErrorCode.UNAUTHENTICATED, '微信绑定已解除，请重新登录');
    if (await this.corrections.hasPending(g.id))
      throw new ServiceError(ErrorCode.INVALID_STATE, '已有待处理的更正申请');
    try {
      const id = await this.db.transaction(async (tx) => {
        const correctionId = await this.corrections.insert(tx, {
          graduateId: g.id,
          schoolCode: g.schoolCode,
          changes,
          reason,
        });
        await writeAudit(tx, {
          actor: p,
          action: 'SOURCE_INFO_CORRECTION_REQUESTED',
          subjectType: 'graduate',
          subjectId: g.id,
          after: { correctionId, changes },
          reason,
        });
        return correctionId;
      });
      return (await this.corrections.byId(id))!;
    } catch (err) {
      if (isUniqueViolation(err))
        throw new ServiceError(ErrorCode.INVALID_STATE, '已有待处理的更正申请');
      throw err;
    }
  }
}
