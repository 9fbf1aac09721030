import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  graduateSourceInfoConfirmed,
  Role,
  ServiceError,
  type Principal,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { GraduatesRepository } from '../../roster/graduates.repository.js';
import { CorrectionsRepository } from '../corrections.repository.js';

/** 生源信息维护: the graduate confirms the record; signing may proceed once the event arrives. */
@Injectable()
export class ConfirmSourceInfoUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
    private readonly corrections: CorrectionsRepository,
  ) {}

  async execute(principal: Principal | null): Promise<{ graduateId: string; confirmedAt: string }> {
    const p = requireRole(principal, Role.GRADUATE);
    return this.db.transaction(async (tx) => {
      const g = p.graduateId ? await this.graduates.byId(p.graduateId, tx, true) : null;
      if (!g || g.wechatOpenId !== p.openId)
        throw new ServiceError(ErrorCode.UNAUTHENTICATED, '微信绑定已解除，请重新登录');
      if (g.sourceInfoConfirmedAt)
        return { graduateId: g.id, confirmedAt: g.sourceInfoConfirmedAt.toISOString() };
      if (await this.corrections.hasPending(g.id, tx)) {
        throw new ServiceError(ErrorCode.INVALID_STATE, '生源信息更正申请尚在处理中，处理后再确认');
      }
      const confirmedAt = (await this.graduates.confirmSourceInfo(tx, g.id)).toISOString();
      await writeAudit(tx, {
        actor: p,
        action: 'SOURCE_INFO_CONFIRMED',
        subjectType: 'graduate',
        subjectId: g.id,
        after: { confirmedAt },
      });
      await publishEvent(tx, graduateSourceInfoConfirmed, {
        aggregateId: g.id,
        payload: { graduateId: g.id, schoolCode: g.schoolCode, confirmedAt },
      });
      return { graduateId: g.id, confirmedAt };
    });
  }
}
