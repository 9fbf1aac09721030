import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  agreementSignQrCard,
  destinationSet,
  destinationUnlock,
  qrCardIssue,
  qrCardOpen,
  Role,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { SignQrCardDto, SignResultDto, toTerms } from '../agreements/agreements.dto.js';
import { QrCardDto, SetDestinationDto, UnlockDto } from './signing.dto.js';

/** Method 3 (QR business card) and graduates' destinations (毕业去向). */
@ApiTags('signing')
@ApiBearerAuth()
@Controller()
export class SigningHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('me/qr-card')
  @HttpCode(201)
  @Roles(Role.GRADUATE)
  @ApiOperation({ summary: 'A short-lived signed QR business card (no personal data in the token)' })
  @ApiCreatedResponse({ type: QrCardDto })
  issueQrCard(@Ctx() ctx: RequestContext) {
    return this.bus.request(qrCardIssue, {}, ctx);
  }

  @Get('qr-cards/:token')
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'The graduate a card names, as the employer may see them (ID masked); 410 when expired' })
  openQrCard(@Param('token') token: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(qrCardOpen, { token }, ctx);
  }

  @Post('qr-cards/:token/agreements')
  @HttpCode(201)
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Method 3: the employer signs with the graduate of a scanned card' })
  @ApiCreatedResponse({ type: SignResultDto })
  signQrCard(@Param('token') token: string, @Body() body: SignQrCardDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(agreementSignQrCard, { token, positionId: body.positionId, terms: toTerms(body.terms) }, ctx);
  }

  @Put('schools/:schoolCode/graduates/:graduateId/destination')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Records a destination reached outside the platform (e.g. SIGNED_OFFLINE); audited' })
  setDestination(
    @Param('schoolCode') schoolCode: string,
    @Param('graduateId') graduateId: string,
    @Body() body: SetDestinationDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(destinationSet, { schoolCode, graduateId, destination: body.destination, note: body.note }, ctx);
  }

  @Post('schools/:schoolCode/graduates/:graduateId/unlock')
  @HttpCode(200)
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Destination back to AWAITING_EMPLOYMENT (reason required, audited)' })
  unlock(
    @Param('schoolCode') schoolCode: string,
    @Param('graduateId') graduateId: string,
    @Body() body: UnlockDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(destinationUnlock, { schoolCode, graduateId, reason: body.reason }, ctx);
  }
}
