import { Injectable } from '@nestjs/common';
import { mayAtAll, requireMay, requirePrincipal, requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  graduateBindingReleased,
  ServiceError,
  type Principal,
} from '@netsign/contracts';
import { publishEvent } from '@netsign/messaging';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { graduateResource } from '../../roster/graduate-access.js';
import { GraduatesRepository } from '../../roster/graduates.repository.js';

/** The school admin releases a graduate's WeChat binding (lost phone, wrong account); audited. */
@Injectable()
export class ReleaseBindingUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
  ) {}

  async execute(
    principal: Principal | null,
    schoolCode: string,
    graduateId: string,
  ): Promise<{ released: boolean }> {
    // The access policy's `graduate.manage`: the school admin of the graduate's school, the province.
    const actor = requirePrincipal(principal);
    if (!mayAtAll(actor, 'graduate', 'manage')) throw new ServiceError(ErrorCode.FORBIDDEN);
    requireSchoolScope(actor, schoolCode);
    return this.db.transaction(async (tx) => {
      const g = await this.graduates.byId(graduateId, tx, true);
      if (!g || g.schoolCode !== schoolCode)
        throw new ServiceError(ErrorCode.NOT_FOUND, '毕业生不存在');
      requireMay(actor, 'graduate', 'manage', graduateResource(g));
      if (g.wechatOpenId === null) return { released: false };
      // A new version: the released binding's tokens carry the old one and are refused; a new
      // binding's carry this one (the row is locked, so versions never collide).
      const sessionVersion = g.bindingVersion + 1;
      await this.graduates.releaseWechat(tx, g.id, sessionVersion);
      await writeAudit(tx, {
        actor,
        action: 'WECHAT_RELEASED',
        subjectType: 'graduate',
        subjectId: g.id,
        before: { wechatOpenId: g.wechatOpenId },
        after: { wechatOpenId: null },
      });
      // The gateway refuses the sessions of this binding from now on.
      await publishEvent(tx, graduateBindingReleased, {
        aggregateId: g.id,
        payload: {
          graduateId: g.id,
          schoolCode,
          releasedAt: new Date().toISOString(),
          sessionVersion,
        },
      });
      return { released: true };
    });
  }
}
