import { Injectable } from '@nestjs/common';
import {
  needsAssignment,
  requirePrincipal,
  requireSchoolScope,
  scopeOf,
  scopeSql,
} from '@netsign/auth';
import {
  type GraduateListItem,
  type Principal,
  type RequestOf,
  type graduatesList,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import { assignmentOf, forbidden, GRADUATE_SCOPE_COLUMNS } from '../graduate-access.js';
import { SNAPSHOT_SELECT, toSnapshot, type GraduateRow } from '../graduates.repository.js';

/** The roster as the caller's scope allows: whole school, own department, or assigned graduates. */
@Injectable()
export class ListGraduatesUseCase {
  constructor(
    private readonly db: DataSource,
    private readonly accounts: AccountsRepository,
  ) {}

  async execute(principal: Principal | null, query: RequestOf<typeof graduatesList>) {
    const p = requirePrincipal(principal);
    if (!['PROVINCE_ADMIN', 'SCHOOL_ADMIN', 'DEPARTMENT_STAFF', 'COUNSELLOR'].includes(p.role))
      throw forbidden();
    requireSchoolScope(p, query.schoolCode);
    const params: unknown[] = [query.schoolCode];
    const param = (value: unknown) => `$${params.push(value)}`;
    // Whom the caller may see (the access policy's `graduate.see`), within the school asked for.
    const assignment = needsAssignment(p)
      ? assignmentOf(await this.accounts.userById(p.userId))
      : null;
    const reach = scopeOf(p, 'graduate', 'see', assignment);
    const where = ['g.school_code = $1', scopeSql(reach, GRADUATE_SCOPE_COLUMNS, params)];
    if (query.departmentCode) where.push(`g.department_code = ${param(query.departmentCode)}`);
    if (query.destination) where.push(`g.destination = ${param(query.destination)}`);
    if (query.q) {
      const q = param(query.q);
      where.push(`(g.student_no = ${q} OR starts_with(g.name, ${q}))`);
    }
    const filter = where.join(' AND ');
    // Page and total from one snapshot, so they agree while an import runs.
    const [counted, rows] = await this.db.transaction('REPEATABLE READ', async (tx) => [
      (await tx.query(`SELECT count(*) AS n FROM graduates g WHERE ${filter}`, params)) as Array<{
        n: string;
      }>,
      (await tx.query(
        `${SNAPSHOT_SELECT} WHERE ${filter} ORDER BY g.department_code, g.student_no
         LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
        params,
      )) as GraduateRow[],
    ]);
    const items: GraduateListItem[] = rows.map((r) => ({
      ...toSnapshot(r),
      wechatBound: r.wechat_open_id !== null,
    }));
    return { items, total: Number(counted[0]?.n ?? 0), page: query.page, pageSize: query.pageSize };
  }
}
