import { Injectable } from '@nestjs/common';
import { requireRole, requireSchoolScope } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type Principal,
  type RequestOf,
  type ResponseOf,
  type staffList,
} from '@netsign/contracts';
import { AccountsRepository, toStaffView } from '../accounts.repository.js';

/** A school's staff accounts, for its school admin and the province (no password hashes). */
@Injectable()
export class ListStaffUseCase {
  constructor(private readonly accounts: AccountsRepository) {}

  async execute(
    principal: Principal | null,
    query: RequestOf<typeof staffList>,
  ): Promise<ResponseOf<typeof staffList>> {
    const actor = requireRole(principal, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN);
    requireSchoolScope(actor, query.schoolCode);
    if (!(await this.accounts.schoolExists(query.schoolCode)))
      throw new ServiceError(ErrorCode.NOT_FOUND, '学校不存在');
    const { rows, total } = await this.accounts.staffPage(query);
    return { items: rows.map(toStaffView), total, page: query.page, pageSize: query.pageSize };
  }
}
