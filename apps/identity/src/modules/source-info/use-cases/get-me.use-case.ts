import { Injectable } from '@nestjs/common';
import { requirePrincipal } from '@netsign/auth';
import { ErrorCode, ServiceError, type MeReply, type Principal } from '@netsign/contracts';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import { GraduatesRepository, toSnapshot } from '../../roster/graduates.repository.js';

/** The caller's own profile; a graduate sees their source info with the ID number masked. */
@Injectable()
export class GetMeUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly graduates: GraduatesRepository,
  ) {}

  async execute(principal: Principal | null): Promise<MeReply> {
    const p = requirePrincipal(principal);
    const base: MeReply = { userId: p.userId, role: p.role };
    if (p.role === 'WECHAT_UNBOUND') return { ...base, ...(p.openId ? { openId: p.openId } : {}) };
    if (p.role === 'GRADUATE') {
      const g = p.graduateId ? await this.graduates.byId(p.graduateId) : null;
      // Released or removed since the token was issued: the session is no longer valid.
      if (!g || g.wechatOpenId !== p.openId)
        throw new ServiceError(ErrorCode.UNAUTHENTICATED, '微信绑定已解除，请重新登录');
      return {
        ...base,
        schoolCode: g.schoolCode,
        departmentCode: g.departmentCode,
        graduate: {
          ...toSnapshot(g),
          sourceInfoConfirmedAt: g.sourceInfoConfirmedAt?.toISOString() ?? null,
        },
      };
    }
    const user = await this.accounts.userById(p.userId);
    if (!user) return base;
    if (user.deactivatedAt) throw new ServiceError(ErrorCode.UNAUTHENTICATED, '账号已停用');
    const employer = user.employerId ? await this.accounts.employerById(user.employerId) : null;
    return {
      ...base,
      username: user.username,
      ...(user.schoolCode ? { schoolCode: user.schoolCode } : {}),
      ...(user.departmentCode ? { departmentCode: user.departmentCode } : {}),
      ...(employer ? { employer } : {}),
    };
  }
}
