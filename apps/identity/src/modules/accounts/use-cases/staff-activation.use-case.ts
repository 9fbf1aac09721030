import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type Principal,
  type RequestOf,
  type StaffAccountView,
  type staffDeactivate,
  type staffReactivate,
} from '@netsign/contracts';
import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { AccountsRepository, toStaffView } from '../accounts.repository.js';
import type { UserEntity } from '../user.entity.js';
import { revokeSessions } from '../revoke-sessions.js';

/**
 * Someone left the school: the school admin (own school) or the province deactivates the account.
 * It keeps its row (audit trail, agreements it reviewed), can no longer log in, and its sessions
 * end at once on every route. Reactivation lets it log in again; the sessions stay ended.
 */
@Injectable()
export class StaffActivationUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  deactivate(
    principal: Principal | null,
    input: RequestOf<typeof staffDeactivate>,
  ): Promise<StaffAccountView> {
    const actor = requireRole(principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, input.schoolCode);
    // Another admin may do it; an admin locking themself out is a mistake, not a decision.
    if (actor.userId === input.userId)
      throw new ServiceError(ErrorCode.FORBIDDEN, '不能停用自己的账号');
    return this.db.transaction(async (tx) => {
      const user = await this.locked(tx, input.schoolCode, input.userId);
      if (user.deactivatedAt) throw new ServiceError(ErrorCode.INVALID_STATE, '该账号已停用');
      const at = new Date();
      const updated = await this.accounts.setDeactivatedAt(tx, user.id, at);
      await writeAudit(tx, {
        actor,
        action: 'STAFF_DEACTIVATED',
        subjectType: 'user',
        subjectId: user.id,
        before: { active: true },
        after: { active: false, deactivatedAt: at.toISOString() },
        reason: input.reason,
      });
      await revokeSessions(this.accounts, tx, user.id, 'DEACTIVATED', at);
      return toStaffView(updated);
    });
  }

  reactivate(
    principal: Principal | null,
    input: RequestOf<typeof staffReactivate>,
  ): Promise<StaffAccountView> {
    const actor = requireRole(principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, input.schoolCode);
    return this.db.transaction(async (tx) => {
      const user = await this.locked(tx, input.schoolCode, input.userId);
      if (!user.deactivatedAt) throw new ServiceError(ErrorCode.INVALID_STATE, '该账号未停用');
      const updated = await this.accounts.setDeactivatedAt(tx, user.id, null);
      await writeAudit(tx, {
        actor,
        action: 'STAFF_REACTIVATED',
        subjectType: 'user',
        subjectId: user.id,
        before: { active: false, deactivatedAt: user.deactivatedAt.toISOString() },
        after: { active: true },
        reason: input.reason ?? null,
      });
      return toStaffView(updated);
    });
  }

  /** The account, locked for the change (two admins acting at once: one wins, one gets 409). */
  private async locked(tx: EntityManager, schoolCode: string, userId: string): Promise<UserEntity> {
    const user = await this.accounts.staffOf(schoolCode, userId, tx, true);
    if (!user) throw new ServiceError(ErrorCode.NOT_FOUND, '教职工账号不存在');
    return user;
  }
}
