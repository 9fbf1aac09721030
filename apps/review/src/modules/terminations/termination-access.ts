import { Injectable } from '@nestjs/common';
import { may, needsAssignment, type Assignment, type PartiesResource } from '@netsign/auth';
import { ErrorCode, ServiceError, type Principal } from '@netsign/contracts';
import { IdentityClient } from '../integration/identity.client.js';
import type { TerminationEntity } from './termination.entity.js';
import { agreementOf } from './termination.repository.js';

/** A termination read with its agreement (`TerminationRepository.get`). */
type TerminationFacts = Pick<TerminationEntity, 'id' | 'schoolCode' | 'graduateId' | 'agreement'>;

/** A termination as the access policy (libs/auth) sees it: the class frozen in the agreement. */
export function terminationResource(t: TerminationFacts): PartiesResource {
  const a = agreementOf(t);
  return {
    graduate: {
      graduateId: t.graduateId,
      schoolCode: t.schoolCode,
      departmentCode: a.snapshot.graduate.departmentCode,
      className: a.snapshot.graduate.className,
    },
    employerId: a.employerId,
  };
}

/**
 * Who sees and decides a termination, by the access policy's `termination.see` and
 * `termination.decide`: the school admin of its school, the counsellor identity assigns the
 * graduate or the graduate's class (the class frozen in the agreement, as the list filters it, so
 * what a counsellor lists they can open); the parties of the agreement (its graduate and its
 * employer) see the applications about it, whoever applied.
 */
@Injectable()
export class TerminationAccess {
  constructor(private readonly identity: IdentityClient) {}

  async requireDecider(p: Principal, t: TerminationFacts): Promise<void> {
    const assignment = await this.assignmentOf(p, t);
    if (!may(p, 'termination', 'decide', terminationResource(t), assignment))
      throw new ServiceError(ErrorCode.FORBIDDEN, '您不是该毕业生的辅导员，不能处理此解约申请');
  }

  /** Another graduate or employer is not told the application exists (NOT_FOUND); staff are refused. */
  async requireReader(p: Principal, t: TerminationFacts): Promise<void> {
    const assignment = await this.assignmentOf(p, t);
    if (may(p, 'termination', 'see', terminationResource(t), assignment)) return;
    if (p.role === 'GRADUATE' || p.role === 'EMPLOYER')
      throw new ServiceError(ErrorCode.NOT_FOUND, '解约申请不存在');
    throw new ServiceError(ErrorCode.FORBIDDEN, '您不是该毕业生的辅导员，不能处理此解约申请');
  }

  /** Identity is asked only for a counsellor of the termination's school. */
  private async assignmentOf(p: Principal, t: TerminationFacts): Promise<Assignment | null> {
    return needsAssignment(p) && p.schoolCode === t.schoolCode
      ? this.identity.assignment(p.userId)
      : null;
  }
}
