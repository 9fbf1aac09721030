import { Injectable } from '@nestjs/common';
import { assignmentCovers } from '@netsign/auth';
import { ErrorCode, ServiceError, type Principal } from '@netsign/contracts';
import { IdentityClient } from '../integration/identity.client.js';
import { partyOf } from './domain/termination-rules.js';
import type { TerminationRow } from './termination.repository.js';

/**
 * Who sees and decides a termination: the school admin of its school, the counsellor identity
 * assigns the graduate or the graduate's class (the class frozen in the agreement, as the list
 * filters it, so what a counsellor lists they can open); the parties of the agreement (its graduate
 * and its employer) see the applications about it, whoever applied.
 */
@Injectable()
export class TerminationAccess {
  constructor(private readonly identity: IdentityClient) {}

  async requireDecider(
    p: Principal,
    t: Pick<TerminationRow, 'school_code' | 'graduate_id' | 'snapshot'>,
  ): Promise<void> {
    if (p.role === 'SCHOOL_ADMIN' && p.schoolCode === t.school_code) return;
    if (p.role === 'COUNSELLOR' && p.schoolCode === t.school_code) {
      const assignment = await this.identity.assignment(p.userId);
      const graduate = {
        schoolCode: t.school_code,
        graduateId: t.graduate_id,
        className: t.snapshot.graduate.className ?? null,
      };
      if (assignmentCovers(assignment, graduate)) return;
    }
    throw new ServiceError(ErrorCode.FORBIDDEN, '您不是该毕业生的辅导员，不能处理此解约申请');
  }

  async requireReader(
    p: Principal,
    t: Pick<TerminationRow, 'school_code' | 'graduate_id' | 'employer_id' | 'snapshot'>,
  ): Promise<void> {
    if (p.role === 'GRADUATE' || p.role === 'EMPLOYER') {
      if (partyOf(p, { graduateId: t.graduate_id, employerId: t.employer_id })) return;
      throw new ServiceError(ErrorCode.NOT_FOUND, '解约申请不存在');
    }
    await this.requireDecider(p, t);
  }
}
