import { Injectable } from '@nestjs/common';
import { requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  type Principal,
  type RequestOf,
  type StaffAccount,
  type staffCreate,
} from '@netsign/contracts';
import { isUniqueViolation } from '@netsign/persistence';
import { DataSource } from 'typeorm';
import { writeAudit } from '../../audit/audit.js';
import { AccountsRepository } from '../accounts.repository.js';
import { hashPassword } from '../password.js';

type Input = RequestOf<typeof staffCreate>;

const invalid = (field: string, message: string) =>
  new ServiceError(ErrorCode.VALIDATION_FAILED, message, { fields: [{ field, message }] });

/** School admin (own school) or province admin creates a scoped staff account. */
@Injectable()
export class CreateStaffUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  async execute(actor: Principal, input: Input): Promise<StaffAccount> {
    requireSchoolScope(actor, input.schoolCode);
    if (!(await this.accounts.schoolExists(input.schoolCode)))
      throw new ServiceError(ErrorCode.NOT_FOUND, '学校不存在');
    const scope = await this.scopeOf(input);
    const hash = await hashPassword(input.password);
    try {
      return await this.db.transaction(async (tx) => {
        const user = await this.accounts.insertUser(tx, {
          username: input.username,
          passwordHash: hash,
          role: input.role,
          schoolCode: input.schoolCode,
          departmentCode: scope.departmentCode,
          scopeGraduateIds: scope.graduateIds,
          scopeClassNames: scope.classNames,
        });
        const account: StaffAccount = {
          userId: user.id,
          username: input.username,
          role: input.role,
          schoolCode: input.schoolCode,
          ...scope,
        };
        await writeAudit(tx, {
          actor,
          action: 'STAFF_CREATED',
          subjectType: 'user',
          subjectId: account.userId,
          after: account,
        });
        return account;
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new ServiceError(ErrorCode.CONFLICT, '用户名已被使用');
      throw err;
    }
  }

  private async scopeOf(
    input: Input,
  ): Promise<Pick<StaffAccount, 'departmentCode' | 'graduateIds' | 'classNames'>> {
    const graduateIds = [...new Set(input.graduateIds ?? [])];
    const classNames = [...new Set(input.classNames ?? [])];
    if (input.role === 'DEPARTMENT_STAFF') {
      if (!input.departmentCode) throw invalid('departmentCode', '院系老师须指定院系');
      if (!(await this.accounts.departmentExists(input.schoolCode, input.departmentCode))) {
        throw invalid('departmentCode', '院系不存在');
      }
      return { departmentCode: input.departmentCode, graduateIds: [], classNames: [] };
    }
    if (input.role === 'COUNSELLOR') {
      if (graduateIds.length === 0 && classNames.length === 0) {
        throw invalid('graduateIds', '辅导员须指定负责的毕业生或班级');
      }
      const outside = await this.accounts.graduatesOutside(input.schoolCode, graduateIds);
      if (outside.length > 0) throw invalid('graduateIds', '部分毕业生不属于本校');
      return { departmentCode: null, graduateIds, classNames };
    }
    return { departmentCode: null, graduateIds: [], classNames: [] };
  }
}
