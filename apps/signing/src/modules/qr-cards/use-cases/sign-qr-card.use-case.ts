import { Injectable } from '@nestjs/common';
import { requireEmployerId } from '@netsign/auth';
import { actorOf, type AgreementTerms, type Principal, type SignResult } from '@netsign/contracts';
import { SignAgreementUseCase } from '../../agreements/use-cases/sign-agreement.use-case.js';
import { IdentityClient } from '../../integration/identity.client.js';
import { inOrder } from '../../integration/settle.js';
import { PartySnapshots } from '../../parties/party-snapshots.js';
import { QrCardRepository } from '../qr-card.repository.js';

/** Method 3 (QR_CARD), employer side: signs with the graduate a genuine, unexpired card names. */
@Injectable()
export class SignQrCardUseCase {
  constructor(
    private readonly cards: QrCardRepository,
    private readonly identity: IdentityClient,
    private readonly parties: PartySnapshots,
    private readonly sign: SignAgreementUseCase,
  ) {}

  async execute(
    principal: Principal | null,
    input: { token: string; positionId: string; terms: AgreementTerms },
  ): Promise<SignResult> {
    const employerId = requireEmployerId(principal);
    const card = await this.cards.resolve(input.token, new Date());
    const [{ employer, position }, graduate] = await inOrder(
      this.parties.employerAndOpenPosition(employerId, input.positionId),
      this.identity.graduate(card.graduateId),
    );
    return this.sign.execute({
      method: 'QR_CARD',
      graduate,
      employer,
      position,
      terms: input.terms,
      offerId: null,
      actor: actorOf(principal)!,
    });
  }
}
