import { Injectable } from '@nestjs/common';
import { requireGraduateId } from '@netsign/auth';
import {
  ErrorCode,
  ServiceError,
  actorOf,
  type Principal,
  type SignResult,
} from '@netsign/contracts';
import { IdentityClient } from '../../integration/identity.client.js';
import { RecruitingClient } from '../../integration/recruiting.client.js';
import { inOrder } from '../../integration/settle.js';
import { PartySnapshots } from '../../parties/party-snapshots.js';
import { SignAgreementUseCase } from './sign-agreement.use-case.js';

/**
 * Method 1 (RECRUITING): the graduate accepts a signing offer. The offer is read from recruiting;
 * recruiting marks it ACCEPTED when it sees agreement.signed naming it, so a failed signing leaves
 * the offer open.
 */
@Injectable()
export class SignOfferUseCase {
  constructor(
    private readonly identity: IdentityClient,
    private readonly recruiting: RecruitingClient,
    private readonly parties: PartySnapshots,
    private readonly sign: SignAgreementUseCase,
  ) {}

  async execute(principal: Principal | null, offerId: string): Promise<SignResult> {
    const graduateId = requireGraduateId(principal);
    const offer = await this.recruiting.offer(offerId);
    if (offer.graduateId !== graduateId)
      throw new ServiceError(ErrorCode.NOT_FOUND, '签约通知不存在');
    if (offer.status === 'EXPIRED')
      throw new ServiceError(ErrorCode.INVALID_STATE, '签约通知已过期');
    if (offer.status !== 'SENT') throw new ServiceError(ErrorCode.INVALID_STATE, '签约通知已处理');
    const [graduate, employer] = await inOrder(
      this.identity.graduate(graduateId),
      this.parties.employer(offer.employerId),
    );
    return this.sign.execute({
      method: 'RECRUITING',
      graduate,
      employer,
      position: offer.position,
      terms: offer.terms,
      offerId: offer.id,
      actor: actorOf(principal)!,
    });
  }
}
