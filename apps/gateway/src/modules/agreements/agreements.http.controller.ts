import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  agreementGet,
  agreementList,
  agreementSignDirect,
  Role,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { AGREEMENT_READERS, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { AgreementListQueryDto, SignDirectDto, SignResultDto, toTerms } from './agreements.dto.js';

const READERS = AGREEMENT_READERS;

/** Agreements (就业协议书): method 2 signing and reading, scoped by role in the signing service. */
@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @HttpCode(201)
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'Method 2: the employer signs with a graduate identified by school, name, student no and ID no' })
  @ApiCreatedResponse({ type: SignResultDto })
  signDirect(@Body() body: SignDirectDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(
      agreementSignDirect,
      { positionId: body.positionId, graduate: body.graduate, terms: toTerms(body.terms) },
      ctx,
    );
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Agreements in the caller’s scope, paged, filterable by status and method' })
  list(@Query() query: AgreementListQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(
      agreementList,
      { status: query.status, method: query.method, q: query.q, page: query.page ?? 1, pageSize: query.pageSize ?? 20 },
      ctx,
    );
  }

  @Get(':agreementId')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One agreement with its history (at, actor, from, to, reason)' })
  get(@Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(agreementGet, { agreementId }, ctx);
  }
}
