import { Injectable } from '@nestjs/common';
import { requireEmployerId } from '@netsign/auth';
import { actorOf, type AgreementTerms, type Principal, type SignResult } from '@netsign/contracts';
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
    const employerId = requireEmployerId(principal);
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
