import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import {
  agreementSignQrCard,
  destinationSet,
  destinationSetBody,
  destinationUnlock,
  destinationUnlockBody,
  ErrorCode,
  graduateDestinationView,
  qrCardGraduateView,
  qrCardIssue,
  qrCardOpen,
  qrCardParams,
  qrCardSignBody,
  qrCardView,
  Role,
  schoolGraduateCodeParams,
  signResultView,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

type GraduatePath = { schoolCode: string; graduateId: string };

/** Method 3 (QR business card) and graduates' destinations (毕业去向). */
@Area('signing')
@Controller()
export class SigningHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('me/qr-card')
  @HttpCode(201)
  @Roles(Role.GRADUATE)
  @Endpoint({
    operationId: 'issueQrCard',
    summary: 'A short-lived signed QR business card (no personal data in the token)',
    response: qrCardView,
    errors: [ErrorCode.SOURCE_INFO_NOT_CONFIRMED, ErrorCode.GRADUATE_NOT_AVAILABLE],
  })
  issueQrCard(@Ctx() ctx: RequestContext) {
    return this.bus.request(qrCardIssue, {}, ctx);
  }

  @Get('qr-cards/:token')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'openQrCard',
    summary:
      'The graduate a card names, as the employer may see them (ID masked); 410 when expired',
    params: qrCardParams,
    response: qrCardGraduateView,
    errors: [ErrorCode.QR_CARD_EXPIRED, ErrorCode.NOT_FOUND],
  })
  openQrCard(@Param('token') token: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(qrCardOpen, { token }, ctx);
  }

  @Post('qr-cards/:token/agreements')
  @HttpCode(201)
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'signAgreementByQrCard',
    summary: 'Method 3: the employer signs with the graduate of a scanned card',
    params: qrCardParams,
    body: qrCardSignBody,
    example: REQUEST_EXAMPLES.signQrCard,
    response: signResultView,
    errors: [
      ErrorCode.QR_CARD_EXPIRED,
      ErrorCode.GRADUATE_NOT_AVAILABLE,
      ErrorCode.SOURCE_INFO_NOT_CONFIRMED,
      ErrorCode.NOT_FOUND,
      ErrorCode.INVALID_STATE,
    ],
  })
  signQrCard(
    @Param('token') token: string,
    @Body() body: Omit<RequestOf<typeof agreementSignQrCard>, 'token'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(agreementSignQrCard, { ...body, token }, ctx);
  }

  @Put('schools/:schoolCode/graduates/:graduateId/destination')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'setGraduateDestination',
    summary: 'Records a destination reached outside the platform (e.g. SIGNED_OFFLINE); audited',
    params: schoolGraduateCodeParams,
    body: destinationSetBody,
    example: REQUEST_EXAMPLES.setDestination,
    response: graduateDestinationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  setDestination(
    @Param() path: GraduatePath,
    @Body() body: Omit<RequestOf<typeof destinationSet>, keyof GraduatePath>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(destinationSet, { ...body, ...path }, ctx);
  }

  @Post('schools/:schoolCode/graduates/:graduateId/unlock')
  @HttpCode(200)
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'unlockGraduateDestination',
    summary: 'Destination back to AWAITING_EMPLOYMENT (reason required, audited)',
    params: schoolGraduateCodeParams,
    body: destinationUnlockBody,
    example: REQUEST_EXAMPLES.unlock,
    response: graduateDestinationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  unlock(
    @Param() path: GraduatePath,
    @Body() body: Omit<RequestOf<typeof destinationUnlock>, keyof GraduatePath>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(destinationUnlock, { ...body, ...path }, ctx);
  }
}
