import { Controller } from '@nestjs/common';
import {
  applicationList,
  applicationSubmit,
  invitationList,
  invitationRespond,
  invitationResult,
  invitationSend,
  invitationWithdraw,
  offerDecline,
  offerGet,
  offerList,
  positionClose,
  positionCreate,
  positionGet,
  positionList,
  positionUpdate,
  resumePut,
  type BusRequest,
  type RequestOf,
} from '@netsign/contracts';
import { HandleRequest } from '@netsign/messaging';
import { ApplicationsUseCase } from './applications/applications.use-case.js';
import { InterviewsUseCase } from './interviews/interviews.use-case.js';
import { OffersUseCase } from './offers/offers.use-case.js';
import { PositionsUseCase } from './positions/positions.use-case.js';

type Req<C> = BusRequest<RequestOf<C>>;

/** Thin transport: each request → one use-case method with the forwarded principal. */
@Controller()
export class RecruitingNatsController {
  constructor(
    private readonly positions: PositionsUseCase,
    private readonly applications: ApplicationsUseCase,
    private readonly interviews: InterviewsUseCase,
    private readonly offers: OffersUseCase,
  ) {}

  @HandleRequest(positionCreate)
  createPosition(req: Req<typeof positionCreate>) {
    return this.positions.create(req.ctx.principal, req.data);
  }

  @HandleRequest(positionUpdate)
  updatePosition(req: Req<typeof positionUpdate>) {
    return this.positions.update(req.ctx.principal, req.data.positionId, req.data.changes);
  }

  @HandleRequest(positionClose)
  closePosition(req: Req<typeof positionClose>) {
    return this.positions.close(req.ctx.principal, req.data.positionId);
  }

  @HandleRequest(positionList)
  listPositions(req: Req<typeof positionList>) {
    return this.positions.list(req.ctx.principal, req.data);
  }

  @HandleRequest(positionGet)
  getPosition(req: Req<typeof positionGet>) {
    return this.positions.get(req.ctx.principal, req.data.positionId);
  }

  @HandleRequest(resumePut)
  putResume(req: Req<typeof resumePut>) {
    return this.applications.putResume(req.ctx.principal, req.data);
  }

  @HandleRequest(applicationSubmit)
  submit(req: Req<typeof applicationSubmit>) {
    return this.applications.submit(req.ctx.principal, req.data.positionId);
  }

  @HandleRequest(applicationList)
  listApplications(req: Req<typeof applicationList>) {
    return this.applications.list(req.ctx.principal, req.data);
  }

  @HandleRequest(invitationSend)
  invite(req: Req<typeof invitationSend>) {
    return this.interviews.send(req.ctx.principal, req.data);
  }

  @HandleRequest(invitationList)
  listInvitations(req: Req<typeof invitationList>) {
    return this.interviews.list(req.ctx.principal, req.data);
  }

  @HandleRequest(invitationWithdraw)
  withdraw(req: Req<typeof invitationWithdraw>) {
    return this.interviews.withdraw(req.ctx.principal, req.data.invitationId);
  }

  @HandleRequest(invitationRespond)
  respond(req: Req<typeof invitationRespond>) {
    return this.interviews.respond(req.ctx.principal, req.data.invitationId, req.data.accept);
  }

  @HandleRequest(invitationResult)
  result(req: Req<typeof invitationResult>) {
    return this.interviews.recordResult(req.ctx.principal, req.data);
  }

  @HandleRequest(offerList)
  listOffers(req: Req<typeof offerList>) {
    return this.offers.list(req.ctx.principal, req.data);
  }

  @HandleRequest(offerGet)
  getOffer(req: Req<typeof offerGet>) {
    return this.offers.get(req.ctx.principal, req.data.offerId);
  }

  @HandleRequest(offerDecline)
  decline(req: Req<typeof offerDecline>) {
    return this.offers.decline(req.ctx.principal, req.data.offerId);
  }
}
