import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type Principal,
  type RequestOf,
  type StaffAccountView,
  type staffUpdate,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { AccountsRepository, toStaffView } from '../accounts.repository.js';
import { applyStaffChange, type StaffRole, type StaffScope } from '../domain/staff-change.js';
import { invalidField } from '../field-error.js';
import { revokeSessions } from '../revoke-sessions.js';
import type { UserEntity } from '../user.entity.js';

/**
 * A school admin (own school) or the province changes a department staff member's department or
 * a counsellor's assignment (classes change every year). The assignment is read from the account
 * on every request, so it applies at once; the department travels in the token, so changing it
 * ends the account's sessions (it logs in again with the new one).
 */
@Injectable()
export class UpdateStaffUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  async execute(
    principal: Principal | null,
    input: RequestOf<typeof staffUpdate>,
  ): Promise<StaffAccountView> {
    const actor = requireRole(principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, input.schoolCode);
    const { schoolCode, userId, ...change } = input;
    return this.db.transaction(async (tx) => {
      const user = await this.accounts.staffOf(schoolCode, userId, tx, true);
      if (!user) throw new ServiceError(ErrorCode.NOT_FOUND, '教职工账号不存在');
      const before = scopeOf(user);
      const outcome = applyStaffChange(user.role as StaffRole, before, change);
      if ('problem' in outcome) throw invalidField(outcome.problem.field, outcome.problem.message);
      const { scope } = outcome;
      if (
        outcome.departmentChanged &&
        !(await this.accounts.departmentExists(schoolCode, scope.departmentCode!, tx))
      ) {
        throw invalidField('departmentCode', '院系不存在');
      }
      if (change.graduateIds !== undefined) {
        const outside = await this.accounts.graduatesOutside(schoolCode, scope.graduateIds, tx);
        if (outside.length > 0) {
          throw invalidField('graduateIds', '部分毕业生不属于本校', {
            graduateIds: outside.slice(0, 20),
          });
        }
      }
      // Nothing differs from what is stored: no write, no audit row, sessions untouched.
      if (!outcome.changed) return toStaffView(user);
      const updated = await this.accounts.setScope(tx, user.id, {
        departmentCode: scope.departmentCode,
        scopeGraduateIds: scope.graduateIds,
        scopeClassNames: scope.classNames,
      });
      await writeAudit(tx, {
        actor,
        action: 'STAFF_SCOPE_CHANGED',
        subjectType: 'user',
        subjectId: user.id,
        before,
        after: scope,
      });
      if (outcome.departmentChanged)
        await revokeSessions(this.accounts, tx, user.id, 'SCOPE_CHANGED', new Date());
      return toStaffView(updated);
    });
  }
}

function scopeOf(user: UserEntity): StaffScope {
  return {
    departmentCode: user.departmentCode,
    graduateIds: user.scopeGraduateIds ?? [],
    classNames: user.scopeClassNames ?? [],
  };
}
