import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  agreementGet,
  agreementList,
  agreementPageView,
  agreementSignDirect,
  agreementView,
  ErrorCode,
  requestObject,
  Role,
  signResultView,
  uuidParams,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { AGREEMENT_READERS, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const READERS = AGREEMENT_READERS;

/** Agreements (就业协议书): method 2 signing and reading, scoped by role in the signing service. */
@Area('agreements')
@Controller('agreements')
export class AgreementsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @HttpCode(201)
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'signAgreementDirect',
    summary:
      'Method 2: the employer signs with a graduate identified by school, name, student no and ID no',
    body: agreementSignDirect.request,
    example: REQUEST_EXAMPLES.signDirect,
    response: signResultView,
    errors: [
      ErrorCode.ROSTER_MISMATCH,
      ErrorCode.SOURCE_INFO_NOT_CONFIRMED,
      ErrorCode.GRADUATE_NOT_AVAILABLE,
      ErrorCode.NOT_FOUND,
      ErrorCode.INVALID_STATE,
    ],
  })
  signDirect(@Body() body: RequestOf<typeof agreementSignDirect>, @Ctx() ctx: RequestContext) {
    return this.bus.request(agreementSignDirect, body, ctx);
  }

  @Get()
  @Roles(...READERS)
  @Endpoint({
    operationId: 'listAgreements',
    summary: 'Agreements in the caller’s scope, paged, filterable by status and method',
    query: requestObject(agreementList),
    response: agreementPageView,
  })
  list(@Query() query: RequestOf<typeof agreementList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(agreementList, query, ctx);
  }

  @Get(':agreementId')
  @Roles(...READERS)
  @Endpoint({
    operationId: 'getAgreement',
    summary: 'One agreement with its history (at, actor, from, to, reason)',
    params: uuidParams('agreementId'),
    response: agreementView,
    errors: [ErrorCode.NOT_FOUND],
  })
  get(@Param('agreementId') agreementId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(agreementGet, { agreementId }, ctx);
  }
}
