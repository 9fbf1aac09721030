import { Injectable } from '@nestjs/common';
import { requirePrincipal } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type AccessTokenReply,
  type Principal,
  type RequestOf,
  type passwordChange,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { SigningKeysService } from '../../auth/signing-keys.service.js';
import { AccountsRepository } from '../accounts.repository.js';
import { invalidField } from '../field-error.js';
import { hashPassword, verifyPassword } from '../password.js';
import { revokeSessions } from '../revoke-sessions.js';
import { principalOf } from './login.use-case.js';

/** Roles that log in with a password (graduates log in through WeChat and have none). */
const PASSWORD_ROLES: readonly string[] = [
  Role.EMPLOYER,
  Role.DEPARTMENT_STAFF,
  Role.COUNSELLOR,
  Role.SCHOOL_ADMIN,
  Role.PROVINCE_ADMIN,
];

/**
 * The caller changes their own password. Their other sessions end at once (someone who learnt the
 * old password loses the session they opened with it); the caller gets a fresh token that keeps
 * working. The gateway limits attempts per account like login.
 */
@Injectable()
export class ChangePasswordUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
    private readonly keys: SigningKeysService,
  ) {}

  async execute(
    principal: Principal | null,
    input: RequestOf<typeof passwordChange>,
  ): Promise<AccessTokenReply> {
    const p = requirePrincipal(principal);
    if (!PASSWORD_ROLES.includes(p.role))
      throw new ServiceError(ErrorCode.FORBIDDEN, '微信登录的账号没有密码');
    const user = await this.accounts.userById(p.userId);
    if (!user || user.deactivatedAt)
      throw new ServiceError(ErrorCode.UNAUTHENTICATED, '账号不存在或已停用');
    if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
      throw invalidField('currentPassword', '当前密码不正确');
    if (input.newPassword === input.currentPassword)
      throw invalidField('newPassword', '新密码不能与当前密码相同');
    const hash = await hashPassword(input.newPassword);
    const { updated, sessionVersion } = await this.db.transaction(async (tx) => {
      // Only over the hash just verified: a change that raced this one makes the current
      // password wrong, as it would have been a moment later.
      const changed = await this.accounts.replacePasswordHash(tx, user.id, user.passwordHash, hash);
      if (!changed) throw invalidField('currentPassword', '当前密码不正确');
      await writeAudit(tx, {
        actor: p,
        action: 'PASSWORD_CHANGED',
        subjectType: 'user',
        subjectId: user.id,
      });
      const version = await revokeSessions(
        this.accounts,
        tx,
        user.id,
        'PASSWORD_CHANGED',
        new Date(),
      );
      return { updated: changed, sessionVersion: version };
    });
    // The fresh token carries the new session version: it survives the revocation it caused.
    return this.keys.tokens().issue(principalOf(updated), { sessionVersion });
  }
}
