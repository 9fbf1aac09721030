import { Injectable } from '@nestjs/common';
import { needsAssignment, reaches, requirePrincipal, scopeOf, type Reach } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  type AgreementListQuery,
  type AgreementView,
  type Principal,
} from '@netsign/contracts';
import { DataSource } from 'typeorm';
import { IdentityClient } from '../../integration/identity.client.js';
import { AgreementRepository } from '../agreement.repository.js';

/** An agreement as the access policy sees it: its graduate (as frozen at signing) and its employer. */
export function agreementResource(a: Pick<AgreementView, 'graduate' | 'employer'>) {
  return { graduate: a.graduate, employerId: a.employer.employerId };
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
    if (!agreement || !reaches(scope, agreementResource(agreement)))
      throw new ServiceError(ErrorCode.NOT_FOUND, '协议书不存在');
    return agreement;
  }

  /**
   * Who may see an agreement (libs/auth access policy): one request to identity for a counsellor
   * (their assignment, never their department), none for anyone else.
   */
  private async scopeOf(principal: Principal | null): Promise<Reach> {
    const p = requirePrincipal(principal);
    const assignment = needsAssignment(p)
      ? await this.identity.counsellorAssignment(p.userId)
      : null;
    return scopeOf(p, 'agreement', 'see', assignment);
  }
}
