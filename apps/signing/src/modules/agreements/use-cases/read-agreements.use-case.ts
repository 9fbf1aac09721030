import { Injectable } from '@nestjs/common';
import { assignmentCovers, requirePrincipal } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  type AgreementListQuery,
  type AgreementView,
  type CounsellorAssignment,
  type Principal,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { IdentityClient } from '../../integration/identity.client.js';
import { AgreementRepository, type ReadScope } from '../agreement.repository.js';

/**
 * What a caller may read: graduate own, employer own, school staff in scope, province and services
 * all. A counsellor's scope is the assignment identity holds (`assignment`, asked by the caller for
 * COUNSELLOR only): never their department, which would show them graduates not theirs.
 */
export function readScopeOf(
  principal: Principal | null,
  assignment: CounsellorAssignment | null = null,
): ReadScope {
  const p = requirePrincipal(principal);
  const forbidden = () => new ServiceError(ErrorCode.FORBIDDEN);
  switch (p.role) {
    case 'PROVINCE_ADMIN':
    case 'SERVICE':
      return { kind: 'ALL' };
    case 'GRADUATE':
      if (!p.graduateId) throw forbidden();
      return { kind: 'GRADUATE', graduateId: p.graduateId };
    case 'EMPLOYER':
      if (!p.employerId) throw forbidden();
      return { kind: 'EMPLOYER', employerId: p.employerId };
    case 'SCHOOL_ADMIN':
      if (!p.schoolCode) throw forbidden();
      return { kind: 'SCHOOL', schoolCode: p.schoolCode };
    case 'DEPARTMENT_STAFF':
      if (!p.schoolCode || !p.departmentCode) throw forbidden();
      return { kind: 'SCHOOL', schoolCode: p.schoolCode, departmentCode: p.departmentCode };
    case 'COUNSELLOR':
      // A token of another school than the account now has is stale: refuse rather than guess.
      if (!p.schoolCode || !assignment || assignment.schoolCode !== p.schoolCode) throw forbidden();
      return {
        kind: 'COUNSELLOR',
        schoolCode: assignment.schoolCode,
        graduateIds: assignment.graduateIds,
        classNames: assignment.classNames,
      };
    default:
      throw forbidden();
  }
}

/** The list's SQL predicate (`scopeSql`) for one agreement already read: get and list agree. */
export function agreementInScope(
  scope: ReadScope,
  a: Pick<AgreementView, 'graduate' | 'employer'>,
): boolean {
  switch (scope.kind) {
    case 'ALL':
      return true;
    case 'GRADUATE':
      return a.graduate.graduateId === scope.graduateId;
    case 'EMPLOYER':
      return a.employer.employerId === scope.employerId;
    case 'SCHOOL':
      return (
        a.graduate.schoolCode === scope.schoolCode &&
        (scope.departmentCode === undefined || a.graduate.departmentCode === scope.departmentCode)
      );
    case 'COUNSELLOR':
      return assignmentCovers(scope, a.graduate);
  }
}

@Injectable()
export class ReadAgreementsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
    private readonly identity: IdentityClient,
  ) {}

  async list(principal: Principal | null, query: AgreementListQuery) {
    return this.agreements.list(this.dataSource, await this.scopeOf(principal), query);
  }

  /** Out of scope answers NOT_FOUND, like a missing one: no probing for other parties' agreements. */
  async get(principal: Principal | null, agreementId: string): Promise<AgreementView> {
    const scope = await this.scopeOf(principal);
    const agreement = await this.agreements.get(this.dataSource, agreementId);
    if (!agreement || !agreementInScope(scope, agreement))
      throw new ServiceError(ErrorCode.NOT_FOUND, '协议书不存在');
    return agreement;
  }

  /** One request to identity for a counsellor (their assignment), none for anyone else. */
  private async scopeOf(principal: Principal | null): Promise<ReadScope> {
    const p = requirePrincipal(principal);
    const assignment =
      p.role === 'COUNSELLOR' ? await this.identity.counsellorAssignment(p.userId) : null;
    return readScopeOf(p, assignment);
  }
}
