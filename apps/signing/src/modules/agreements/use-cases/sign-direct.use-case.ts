import { Injectable } from '@nestjs/common';
import { requireRole } from '@netsign/auth';
import {
  ErrorCode,
  Role,
  ServiceError,
  actorOf,
  type AgreementTerms,
  type Principal,
  type SignResult,
} from '@netsign/contracts';
import { IdentityClient } from '../../integration/identity.client.js';
import { RecruitingClient } from '../../integration/recruiting.client.js';
import { inOrder } from '../../integration/settle.js';
import { SignAgreementUseCase } from './sign-agreement.use-case.js';

/** Method 2 (EMPLOYER_DIRECT): the employer enters the graduate's identity, matched exactly against the roster. */
@Injectable()
export class SignDirectUseCase {
  constructor(
    private readonly identity: IdentityClient,
    private readonly recruiting: RecruitingClient,
    private readonly sign: SignAgreementUseCase,
  ) {}

  async execute(
    principal: Principal | null,
    input: { positionId: string; graduate: { schoolCode: string; name: string; studentNo: string; idNumber: string }; terms: AgreementTerms },
  ): Promise<SignResult> {
    const employerId = employerIdOf(principal);
    const [position, graduate, employer] = await inOrder(
      this.recruiting.openPositionOf(employerId, input.positionId),
      this.identity.rosterMatch(input.graduate),
      this.identity.employer(employerId),
    );
    return this.sign.execute({
      method: 'EMPLOYER_DIRECT',
      graduate,
      employer,
      position: { positionId: position.id, title: position.title, location: position.location },
      terms: input.terms,
      offerId: null,
      actor: actorOf(principal)!,
    });
  }
}

export function employerIdOf(principal: Principal | null): string {
  const p = requireRole(principal, Role.EMPLOYER);
  if (!p.employerId) throw new ServiceError(ErrorCode.FORBIDDEN, '该账号未关联用人单位');
  return p.employerId;
}
