import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import {
  acceptBody,
  agreementSignOffer,
  applicationList,
  applicationPageView,
  applicationSubmit,
  applicationView,
  ErrorCode,
  interviewResultView,
  invitationList,
  invitationPageView,
  invitationRespond,
  invitationResult,
  invitationResultBody,
  invitationSend,
  invitationSendBody,
  invitationView,
  invitationWithdraw,
  offerDecline,
  offerList,
  offerPageView,
  offerView,
  positionChangesSchema,
  positionClose,
  positionCreate,
  positionCreatedView,
  positionList,
  positionPageView,
  positionUpdate,
  positionView,
  requestObject,
  resumePut,
  resumeView,
  Role,
  signResultView,
  uuidParams,
  REQUEST_EXAMPLES,
  type PositionInput,
  USER_ROLES,
  type RequestContext,
  type RequestOf,
  type Resume,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { z } from 'zod';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const positionParams = uuidParams('positionId');
const idParams = uuidParams('id');

/** Campus recruiting (method 1): positions, resumes, applications, interviews, signing offers. */
@Area('recruiting')
@Controller()
export class RecruitingHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('positions')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'createPosition',
    summary: 'Publishes a position',
    body: positionCreate.request,
    example: REQUEST_EXAMPLES.createPosition,
    response: positionCreatedView,
  })
  createPosition(@Body() b: PositionInput, @Ctx() ctx: RequestContext) {
    return this.bus.request(positionCreate, b, ctx);
  }

  @Patch('positions/:positionId')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'updatePosition',
    summary: 'Edits the employer’s own open position (signed agreements keep their snapshot)',
    params: positionParams,
    body: positionChangesSchema,
    response: positionView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  updatePosition(
    @Param('positionId') positionId: string,
    @Body() changes: Partial<PositionInput>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(positionUpdate, { positionId, changes }, ctx);
  }

  @Post('positions/:positionId/close')
  @HttpCode(200)
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'closePosition',
    summary: 'Closes the employer’s own position: no new applications or signings name it',
    params: positionParams,
    response: positionView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  closePosition(@Param('positionId') positionId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(positionClose, { positionId }, ctx);
  }

  @Get('positions')
  // Not a WeChat session still unbound: it may only bind (docs/api-additions.md, authorisation).
  @Roles(...USER_ROLES)
  @Endpoint({
    operationId: 'listPositions',
    summary: 'Open positions, paged; q searches title, location and description',
    query: requestObject(positionList),
    response: positionPageView,
  })
  listPositions(@Query() q: RequestOf<typeof positionList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(positionList, q, ctx);
  }

  @Put('me/resume')
  @Roles(Role.GRADUATE)
  @Endpoint({
    operationId: 'putResume',
    summary: 'The graduate’s resume',
    body: resumePut.request,
    example: REQUEST_EXAMPLES.resume,
    response: resumeView,
  })
  putResume(@Body() resume: Resume, @Ctx() ctx: RequestContext) {
    return this.bus.request(resumePut, resume, ctx);
  }

  @Post('positions/:positionId/applications')
  @Roles(Role.GRADUATE)
  @Endpoint({
    operationId: 'applyToPosition',
    summary: 'Submits the resume to a position',
    params: positionParams,
    response: applicationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE, ErrorCode.CONFLICT],
  })
  apply(@Param('positionId') positionId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(applicationSubmit, { positionId }, ctx);
  }

  @Get('applications')
  @Roles(Role.EMPLOYER, Role.GRADUATE)
  @Endpoint({
    operationId: 'listApplications',
    summary: 'Applications with resumes: the employer’s positions only, or the graduate’s own',
    query: requestObject(applicationList),
    response: applicationPageView,
  })
  listApplications(@Query() q: RequestOf<typeof applicationList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(applicationList, q, ctx);
  }

  @Post('applications/:applicationId/interview-invitations')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'inviteToInterview',
    summary: 'Invites the applicant to an interview (time, place, note, answer deadline)',
    params: uuidParams('applicationId'),
    body: invitationSendBody,
    example: REQUEST_EXAMPLES.invite,
    response: invitationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  invite(
    @Param('applicationId') applicationId: string,
    @Body() b: Omit<RequestOf<typeof invitationSend>, 'applicationId'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(invitationSend, { ...b, applicationId }, ctx);
  }

  @Get('interview-invitations')
  @Roles(Role.EMPLOYER, Role.GRADUATE)
  @Endpoint({
    operationId: 'listInterviewInvitations',
    summary: 'Interview invitations sent (employer) or received (graduate)',
    query: requestObject(invitationList),
    response: invitationPageView,
  })
  listInvitations(@Query() q: RequestOf<typeof invitationList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(invitationList, q, ctx);
  }

  @Post('interview-invitations/:id/withdrawal')
  @HttpCode(200)
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'withdrawInterviewInvitation',
    summary: 'Withdraws an invitation not answered yet',
    params: idParams,
    response: invitationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  withdraw(@Param('id') invitationId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(invitationWithdraw, { invitationId }, ctx);
  }

  @Post('interview-invitations/:id/response')
  @HttpCode(200)
  @Roles(Role.GRADUATE)
  @Endpoint({
    operationId: 'respondToInterviewInvitation',
    summary: 'Accepts or declines an interview invitation',
    params: idParams,
    body: acceptBody,
    response: invitationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  respond(
    @Param('id') invitationId: string,
    @Body() b: { accept: boolean },
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(invitationRespond, { invitationId, accept: b.accept }, ctx);
  }

  @Post('interview-invitations/:id/result')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'recordInterviewResult',
    summary: 'Records the interview result; an offer sends a signing offer → {id, passed, offer}',
    params: idParams,
    body: invitationResultBody,
    example: REQUEST_EXAMPLES.interviewResult,
    response: interviewResultView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  result(
    @Param('id') invitationId: string,
    @Body() b: Omit<RequestOf<typeof invitationResult>, 'invitationId'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(invitationResult, { ...b, invitationId }, ctx);
  }

  @Get('signing-offers')
  @Roles(Role.EMPLOYER, Role.GRADUATE)
  @Endpoint({
    operationId: 'listSigningOffers',
    summary: 'Signing offers: the graduate’s own, or those the employer sent',
    query: requestObject(offerList),
    response: offerPageView,
  })
  listOffers(@Query() q: RequestOf<typeof offerList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(offerList, q, ctx);
  }

  @Post('signing-offers/:id/response')
  @Roles(Role.GRADUATE)
  @Endpoint({
    operationId: 'respondToSigningOffer',
    summary:
      'Accepting signs (method 1): 201 {agreementId, agreementNo, status, method}; declining closes the offer',
    params: idParams,
    body: acceptBody,
    response: z
      .union([signResultView, offerView])
      .meta({ description: '接受：签约结果（SignResult）；拒绝：签约邀请（SigningOffer）' }),
    errors: [
      ErrorCode.NOT_FOUND,
      ErrorCode.INVALID_STATE,
      ErrorCode.GRADUATE_NOT_AVAILABLE,
      ErrorCode.SOURCE_INFO_NOT_CONFIRMED,
    ],
  })
  respondOffer(
    @Param('id') offerId: string,
    @Body() b: { accept: boolean },
    @Ctx() ctx: RequestContext,
  ) {
    return b.accept
      ? this.bus.request(agreementSignOffer, { offerId }, ctx)
      : this.bus.request(offerDecline, { offerId }, ctx);
  }
}
