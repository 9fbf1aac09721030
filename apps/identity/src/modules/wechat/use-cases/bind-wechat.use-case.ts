import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type AccessTokenReply,
  type GraduateSnapshot,
  type Principal,
} from '@netsign/contracts';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { SigningKeysService } from '../../auth/signing-keys.service.js';
import { GraduatesRepository, toSnapshot } from '../../roster/graduates.repository.js';
import { GraduateQueriesUseCase } from '../../roster/use-cases/graduate-queries.use-case.js';
import { graduatePrincipal } from '../graduate-principal.js';

interface BindInput {
  schoolCode: string;
  name: string;
  studentNo: string;
  idNumber: string;
}

/**
 * Binds the caller's openid to the roster record matching school + name + student no + ID number
 * exactly. A mismatch never says which field; "already bound" is told only after an exact match.
 */
@Injectable()
export class BindWechatUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly graduates: GraduatesRepository,
    private readonly queries: GraduateQueriesUseCase,
    private readonly keys: SigningKeysService,
  ) {}

  async execute(
    principal: Principal | null,
    input: BindInput,
  ): Promise<AccessTokenReply & { graduate: GraduateSnapshot }> {
    const p = requireRole(principal, Role.WECHAT_UNBOUND);
    const openId = p.openId;
    if (!openId) throw new ServiceError(ErrorCode.UNAUTHENTICATED, '请重新登录微信');
    const outcome = await this.db
      .transaction(async (tx) => {
        const g = await this.graduates.byStudentNo(
          input.schoolCode,
          input.studentNo.trim(),
          tx,
          true,
        );
        if (!g || !this.queries.matches(g, input.name, input.idNumber))
          return { mismatch: true as const };
        if (g.wechatOpenId === openId) return { graduate: g };
        if (g.wechatOpenId !== null) throw new ServiceError(ErrorCode.ALREADY_BOUND);
        if (await this.graduates.byOpenId(openId, tx)) {
          throw new ServiceError(ErrorCode.ALREADY_BOUND, '该微信账号已绑定其他毕业生');
        }
        await this.graduates.bindWechat(tx, g.id, openId);
        await writeAudit(tx, {
          actor: p,
          action: 'WECHAT_BOUND',
          subjectType: 'graduate',
          subjectId: g.id,
          before: { wechatOpenId: null },
          after: { wechatOpenId: openId },
        });
        return { graduate: { ...g, wechatOpenId: openId } };
      })
      .catch((err: unknown) => {
        // This openid is bound to another graduate already (unique index).
        if (isUniqueViolation(err))
          throw new ServiceError(ErrorCode.ALREADY_BOUND, '该微信账号已绑定其他毕业生');
        throw err;
      });
    if ('mismatch' in outcome) {
      await this.db.transaction((tx) =>
        writeAudit(tx, {
          actor: p,
          action: 'WECHAT_BIND_REJECTED',
          subjectType: 'wechat',
          subjectId: openId,
        }),
      );
      throw new ServiceError(ErrorCode.ROSTER_MISMATCH);
    }
    // The binding's version, raised by every release: the tokens of a released binding are
    // refused, this one is not, even when issued in the very second of the release.
    const token = await this.keys.tokens().issue(graduatePrincipal(outcome.graduate, openId), {
      sessionVersion: outcome.graduate.bindingVersion,
    });
    return { ...token, graduate: toSnapshot(outcome.graduate) };
  }
}
