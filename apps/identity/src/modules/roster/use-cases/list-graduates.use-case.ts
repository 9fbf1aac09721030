import { Injectable } from '@nestjs/common';
import { needsAssignment, requirePrincipal, requireSchoolScope, scopeOf } from '@netsign/auth';
import {
  type GraduateListItem,
  type Principal,
  type RequestOf,
  type graduatesList,
} from '@netsign/contracts';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import { assignmentOf, forbidden } from '../graduate-access.js';
import { GraduatesRepository, toSnapshot } from '../graduates.repository.js';

/** The roster as the caller's scope allows: whole school, own department, or assigned graduates. */
@Injectable()
export class ListGraduatesUseCase {
  constructor(
    private readonly graduates: GraduatesRepository,
    private readonly accounts: AccountsRepository,
  ) {}

  async execute(principal: Principal | null, query: RequestOf<typeof graduatesList>) {
    const p = requirePrincipal(principal);
    if (!['PROVINCE_ADMIN', 'SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'].includes(p.role))
      throw forbidden();
    requireSchoolScope(p, query.schoolCode);
    // Whom the caller may see (the access policy's `graduate.see`), within the school asked for.
    const assignment = needsAssignment(p)
      ? assignmentOf(await this.accounts.userById(p.userId))
      : null;
    const reach = scopeOf(p, 'graduate', 'see', assignment);
    const { rows, total } = await this.graduates.page({ ...query, reach });
    const items: GraduateListItem[] = rows.map((r) => ({
      ...toSnapshot(r),
      wechatBound: r.wechatOpenId !== null,
    }));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }
}
