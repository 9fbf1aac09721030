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
import { inOrder } from '../../integration/settle.js';
import { PartySnapshots } from '../../parties/party-snapshots.js';
import { SignAgreementUseCase } from './sign-agreement.use-case.js';

/** Method 2 (EMPLOYER_DIRECT): the employer enters the graduate's identity, matched exactly against the roster. */
@Injectable()
export class SignDirectUseCase {
  constructor(
    private readonly identity: IdentityClient,
    private readonly parties: PartySnapshots,
    private readonly sign: SignAgreementUseCase,
  ) {}

  async execute(
    principal: Principal | null,
    input: {
      positionId: string;
      graduate: { schoolCode: string; name: string; studentNo: string; idNumber: string };
      terms: AgreementTerms;
    },
  ): Promise<SignResult> {
    const employerId = employerIdOf(principal);
    const [{ employer, position }, graduate] = await inOrder(
      this.parties.employerAndOpenPosition(employerId, input.positionId),
      this.identity.rosterMatch(input.graduate),
    );
    return this.sign.execute({
      method: 'EMPLOYER_DIRECT',
      graduate,
      employer,
      position,
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
