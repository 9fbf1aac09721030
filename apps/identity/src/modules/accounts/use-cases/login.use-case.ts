import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  ServiceError,
  type AccessTokenReply,
  type Principal,
  type Role,
} from '@netsign/contracts';
import { SigningKeysService } from '../../auth/signing-keys.service.js';
import { AccountsRepository } from '../accounts.repository.js';
import type { UserEntity } from '../user.entity.js';
import { verifyPassword } from '../password.js';

/** Username + password → short-lived access token carrying the account's role and scope. */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly keys: SigningKeysService,
  ) {}

  async execute(username: string, password: string): Promise<AccessTokenReply> {
    const user = await this.accounts.userByUsername(username);
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    // One answer for unknown user and wrong password: no account enumeration.
    if (!user || !ok) throw new ServiceError(ErrorCode.UNAUTHENTICATED, '用户名或密码错误');
    // Said only to someone who knows the password: a guesser learns nothing about the account.
    if (user.deactivatedAt)
      throw new ServiceError(ErrorCode.UNAUTHENTICATED, '账号已停用，请联系学校管理员', {
        reason: 'ACCOUNT_DEACTIVATED',
      });
    return this.keys.tokens().issue(principalOf(user), { sessionVersion: user.sessionVersion });
  }
}

export function principalOf(user: UserEntity): Principal {
  return {
    userId: user.id,
    role: user.role,
    ...(user.schoolCode ? { schoolCode: user.schoolCode } : {}),
    ...(user.departmentCode ? { departmentCode: user.departmentCode } : {}),
    ...(user.employerId ? { employerId: user.employerId } : {}),
  };
}
