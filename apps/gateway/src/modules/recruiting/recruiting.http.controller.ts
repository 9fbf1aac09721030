import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  agreementSignOffer,
  applicationList,
  applicationSubmit,
  invitationList,
  invitationRespond,
  invitationResult,
  invitationSend,
  invitationWithdraw,
  offerDecline,
  offerList,
  positionClose,
  positionCreate,
  positionList,
  positionUpdate,
  resumePut,
  Role,
  USER_ROLES,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { toTerms } from '../agreements/agreements.dto.js';
import {
  AcceptDto,
  ApplicationQueryDto,
  InterviewResultDto,
  InvitationDto,
  OfferQueryDto,
  PageQueryDto,
  PositionChangesDto,
  PositionDto,
  PositionQueryDto,
  ResumeDto,
} from './recruiting.dto.js';

const uuid = () => new ParseUUIDPipe();
const paging = (q: PageQueryDto) => ({ page: q.page ?? 1, pageSize: q.pageSize ?? 20 });

/** Campus recruiting (method 1): positions, resumes, applications, interviews, signing offers. */
@ApiTags('recruiting')
@ApiBearerAuth()
@Controller()
export class RecruitingHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('positions')
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Publishes a position' })
  createPosition(@Body() b: PositionDto, @Ctx() ctx: RequestContext) {
    const input = { ...b, salaryRange: b.salaryRange ?? '', description: b.description ?? '' };
    return this.bus.request(positionCreate, input, ctx);
  }

  @Patch('positions/:positionId')
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Edits the employer’s own open position (signed agreements keep their snapshot)' })
  updatePosition(@Param('positionId', uuid()) positionId: string, @Body() b: PositionChangesDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(positionUpdate, { positionId, changes: b }, ctx);
  }

  @Post('positions/:positionId/close')
  @HttpCode(200)
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Closes the employer’s own position: no new applications or signings name it' })
  closePosition(@Param('positionId', uuid()) positionId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(positionClose, { positionId }, ctx);
  }

  @Get('positions')
  // Not a WeChat session still unbound: it may only bind (docs/api-additions.md, authorisation).
  @Roles(...USER_ROLES)
  @ApiOperation({ summary: 'Open positions, paged; q searches title, location and description' })
  listPositions(@Query() q: PositionQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(positionList, { q: q.q, employerId: q.employerId, ...paging(q) }, ctx);
  }

  @Put('me/resume')
  @Roles(Role.GRADUATE)
  @ApiOperation({ summary: 'The graduate’s resume' })
  putResume(@Body() b: ResumeDto, @Ctx() ctx: RequestContext) {
    const resume = { summary: '', education: '', experience: '', skills: [], phone: '', email: '', ...b };
    return this.bus.request(resumePut, resume, ctx);
  }

  @Post('positions/:positionId/applications')
  @Roles(Role.GRADUATE)
  @ApiOperation({ summary: 'Submits the resume to a position' })
  apply(@Param('positionId', uuid()) positionId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(applicationSubmit, { positionId }, ctx);
  }

  @Get('applications')
  @Roles(Role.EMPLOYER, Role.GRADUATE)
  @ApiOperation({ summary: 'Applications with resumes: the employer’s positions only, or the graduate’s own' })
  listApplications(@Query() q: ApplicationQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(applicationList, { positionId: q.positionId, ...paging(q) }, ctx);
  }

  @Post('applications/:applicationId/interview-invitations')
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Invites the applicant to an interview (time, place, note, answer deadline)' })
  invite(@Param('applicationId', uuid()) applicationId: string, @Body() b: InvitationDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(invitationSend, { applicationId, at: b.at, place: b.place, note: b.note ?? '', respondBy: b.respondBy }, ctx);
  }

  @Get('interview-invitations')
  @Roles(Role.EMPLOYER, Role.GRADUATE)
  @ApiOperation({ summary: 'Interview invitations sent (employer) or received (graduate)' })
  listInvitations(@Query() q: PageQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(invitationList, paging(q), ctx);
  }

  @Post('interview-invitations/:id/withdrawal')
  @HttpCode(200)
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Withdraws an invitation not answered yet' })
  withdraw(@Param('id', uuid()) invitationId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(invitationWithdraw, { invitationId }, ctx);
  }

  @Post('interview-invitations/:id/response')
  @HttpCode(200)
  @Roles(Role.GRADUATE)
  @ApiOperation({ summary: 'Accepts or declines an interview invitation' })
  respond(@Param('id', uuid()) invitationId: string, @Body() b: AcceptDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(invitationRespond, { invitationId, accept: b.accept }, ctx);
  }

  @Post('interview-invitations/:id/result')
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Records the interview result; an offer sends a signing offer → {id, passed, offer}' })
  result(@Param('id', uuid()) invitationId: string, @Body() b: InterviewResultDto, @Ctx() ctx: RequestContext) {
    const offer = b.offer ? { positionId: b.offer.positionId, terms: toTerms(b.offer.terms), expiresAt: b.offer.expiresAt } : undefined;
    return this.bus.request(invitationResult, { invitationId, passed: b.passed, offer }, ctx);
  }

  @Get('signing-offers')
  @Roles(Role.EMPLOYER, Role.GRADUATE)
  @ApiOperation({ summary: 'Signing offers: the graduate’s own, or those the employer sent' })
  listOffers(@Query() q: OfferQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(offerList, { status: q.status, ...paging(q) }, ctx);
  }

  @Post('signing-offers/:id/response')
  @Roles(Role.GRADUATE)
  @ApiOperation({ summary: 'Accepting signs (method 1): 201 {agreementId, agreementNo, status, method}; declining closes the offer' })
  respondOffer(@Param('id', uuid()) offerId: string, @Body() b: AcceptDto, @Ctx() ctx: RequestContext) {
    return b.accept
      ? this.bus.request(agreementSignOffer, { offerId }, ctx)
      : this.bus.request(offerDecline, { offerId }, ctx);
  }
}
