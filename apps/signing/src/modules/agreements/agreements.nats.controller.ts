import { Controller } from '@nestjs/common';
import {
  agreementGet,
  agreementList,
  agreementSignDirect,
  agreementSignOffer,
  agreementSignQrCard,
  destinationSet,
  destinationUnlock,
  graduateDestinationList,
  qrCardIssue,
  qrCardOpen,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { ChangeDestinationUseCase } from '../destinations/use-cases/change-destination.use-case.js';
import { ListDestinationsUseCase } from '../destinations/use-cases/list-destinations.use-case.js';
import { IssueQrCardUseCase } from '../qr-cards/use-cases/issue-qr-card.use-case.js';
import { OpenQrCardUseCase } from '../qr-cards/use-cases/open-qr-card.use-case.js';
import { SignQrCardUseCase } from '../qr-cards/use-cases/sign-qr-card.use-case.js';
import { ReadAgreementsUseCase } from './use-cases/read-agreements.use-case.js';
import { SignDirectUseCase } from './use-cases/sign-direct.use-case.js';
import { SignOfferUseCase } from './use-cases/sign-offer.use-case.js';

/** Thin transport: each request → one use-case, with the forwarded principal. */
@Controller()
export class AgreementsNatsController {
  constructor(
    private readonly signDirect: SignDirectUseCase,
    private readonly signOffer: SignOfferUseCase,
    private readonly signQrCard: SignQrCardUseCase,
    private readonly issueQrCard: IssueQrCardUseCase,
    private readonly openQrCard: OpenQrCardUseCase,
    private readonly read: ReadAgreementsUseCase,
    private readonly destinations: ChangeDestinationUseCase,
    private readonly listDestinations: ListDestinationsUseCase,
  ) {}

  @HandleRequest(agreementSignDirect)
  direct(req: BusRequest<RequestOf<typeof agreementSignDirect>>) {
    return this.signDirect.execute(req.ctx.principal, req.data);
  }

  @HandleRequest(agreementSignOffer)
  offer(req: BusRequest<RequestOf<typeof agreementSignOffer>>) {
    return this.signOffer.execute(req.ctx.principal, req.data.offerId);
  }

  @HandleRequest(agreementSignQrCard)
  qrCard(req: BusRequest<RequestOf<typeof agreementSignQrCard>>) {
    return this.signQrCard.execute(req.ctx.principal, req.data);
  }

  @HandleRequest(qrCardIssue)
  issueCard(req: BusRequest<RequestOf<typeof qrCardIssue>>) {
    return this.issueQrCard.execute(req.ctx.principal);
  }

  @HandleRequest(qrCardOpen)
  openCard(req: BusRequest<RequestOf<typeof qrCardOpen>>) {
    return this.openQrCard.execute(req.ctx.principal, req.data.token);
  }

  @HandleRequest(agreementGet)
  get(req: BusRequest<RequestOf<typeof agreementGet>>) {
    return this.read.get(req.ctx.principal, req.data.agreementId);
  }

  @HandleRequest(agreementList)
  list(req: BusRequest<RequestOf<typeof agreementList>>) {
    return this.read.list(req.ctx.principal, req.data);
  }

  @HandleRequest(destinationSet)
  setDestination(req: BusRequest<RequestOf<typeof destinationSet>>) {
    return this.destinations.record(req.ctx.principal, req.data);
  }

  @HandleRequest(destinationUnlock)
  unlock(req: BusRequest<RequestOf<typeof destinationUnlock>>) {
    return this.destinations.unlock(req.ctx.principal, req.data);
  }

  @HandleRequest(graduateDestinationList)
  destinationsOf(req: BusRequest<RequestOf<typeof graduateDestinationList>>) {
    return this.listDestinations.execute(req.ctx.principal, req.data);
  }
}
