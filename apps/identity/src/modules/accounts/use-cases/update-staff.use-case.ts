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
import { returnedRows } from '../../../common/sql.js';
import { writeAudit } from '../../audit/audit.js';
import { AccountsRepository, toStaffView, type UserRow } from '../accounts.repository.js';
import { applyStaffChange, type StaffRole, type StaffScope } from '../domain/staff-change.js';
import { invalidField } from '../field-error.js';
import { revokeSessions } from '../revoke-sessions.js';

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
      const updated = returnedRows<UserRow>(
        await tx.query(
          `UPDATE users SET department_code = $2, scope_graduate_ids = $3, scope_class_names = $4
           WHERE id = $1 RETURNING *`,
          [user.id, scope.departmentCode, scope.graduateIds, scope.classNames],
        ),
      )[0]!;
      await writeAudit(tx, {
        actor,
        action: 'STAFF_SCOPE_CHANGED',
        subjectType: 'user',
        subjectId: user.id,
        before,
        after: scope,
      });
      if (outcome.departmentChanged) await revokeSessions(tx, user.id, 'SCOPE_CHANGED', new Date());
      return toStaffView(updated);
    });
  }
}

function scopeOf(user: UserRow): StaffScope {
  return {
    departmentCode: user.department_code,
    graduateIds: user.scope_graduate_ids ?? [],
    classNames: user.scope_class_names ?? [],
  };
}
