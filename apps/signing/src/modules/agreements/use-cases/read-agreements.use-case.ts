import { Injectable } from '@nestjs/common';
import { requirePrincipal } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  type AgreementListQuery,
  type AgreementView,
  type Principal,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { AgreementRepository, type ReadScope } from '../agreement.repository.js';

/** What a caller may read: graduate own, employer own, school staff in scope, province and services all. */
export function readScopeOf(principal: Principal | null): ReadScope {
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
    case 'COUNSELLOR':
      // A counsellor's assigned classes are not in the token yet: their department bounds them.
      if (!p.schoolCode || !p.departmentCode) throw forbidden();
      return { kind: 'SCHOOL', schoolCode: p.schoolCode, departmentCode: p.departmentCode };
    default:
      throw forbidden();
  }
}

function inScope(scope: ReadScope, a: AgreementView): boolean {
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
  }
}

@Injectable()
export class ReadAgreementsUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly agreements: AgreementRepository,
  ) {}

  list(principal: Principal | null, query: AgreementListQuery) {
    return this.agreements.list(this.dataSource, readScopeOf(principal), query);
  }

  /** Out of scope answers NOT_FOUND, like a missing one: no probing for other parties' agreements. */
  async get(principal: Principal | null, agreementId: string): Promise<AgreementView> {
    const scope = readScopeOf(principal);
    const agreement = await this.agreements.get(this.dataSource, agreementId);
    if (!agreement || !inScope(scope, agreement)) throw new ServiceError(ErrorCode.NOT_FOUND, '协议书不存在');
    return agreement;
  }
}
