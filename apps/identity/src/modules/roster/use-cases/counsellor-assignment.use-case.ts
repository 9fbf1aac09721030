import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  type CounsellorAssignment,
  type Principal,
} from '@netsign/contracts';
import { AccountsRepository } from '../../accounts/accounts.repository.js';
import { assignmentOf, forbidden } from '../graduate-access.js';

/**
 * A counsellor's assignment (graduates by id, classes by name), read from their account on every
 * call: it is kept out of the token so a change applies at once, and services that list many rows
 * ask for it once and filter in SQL instead of asking `graduateInScope` per row.
 */
@Injectable()
export class CounsellorAssignmentUseCase {
  constructor(private readonly accounts: AccountsRepository) {}

  async execute(principal: Principal | null, userId: string): Promise<CounsellorAssignment> {
    const p = requireRole(principal, Role.SERVICE, Role.COUNSELLOR);
    // A counsellor may read only their own assignment; services ask on a counsellor's behalf.
    if (p.role === Role.COUNSELLOR && p.userId !== userId) throw forbidden();
    const user = await this.accounts.userById(userId);
    const assignment = assignmentOf(user);
    if (!user || !assignment) throw new ServiceError(ErrorCode.NOT_FOUND, '辅导员账号不存在');
    return { ...assignment, departmentCode: user.departmentCode };
  }
}
