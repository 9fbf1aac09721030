import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ErrorCode,
  requestObject,
  Role,
  terminationApplyFields,
  terminationDecisionSchema,
  terminationPageView,
  terminationView,
  uuidParams,
  terminationApply,
  terminationDecide,
  terminationGet,
  terminationList,
  terminationMaterialContent,
  terminationWithdraw,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import {
  missing,
  readMultipart,
  sendDownload,
  sendFile,
} from '../qualification-documents/file-transfer.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

/** The parties of an agreement: either may apply, read, and withdraw what it applied for. */
const PARTIES = [Role.GRADUATE, Role.EMPLOYER] as const;
const READERS = [...PARTIES, Role.COUNSELLOR, Role.SCHOOL_ADMIN] as const;
const ID = uuidParams('id');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 解约: either party of the agreement (graduate or employer) applies with materials; the graduate's counsellor or the school admin decides. */
@Area('terminations')
@Controller('terminations')
export class TerminationsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles(...PARTIES)
  @Endpoint({
    operationId: 'applyForTermination',
    summary:
      'A party (graduate or employer) applies to terminate its active agreement; one open application per agreement, whoever applied',
    upload: { fields: terminationApplyFields },
    response: terminationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  async apply(@Req() req: FastifyRequest, @Ctx() ctx: RequestContext) {
    const body = await readMultipart(req);
    const agreementId = body.fields['agreementId']?.trim() ?? '';
    const reason = body.fields['reason']?.trim() ?? '';
    if (!UUID.test(agreementId)) throw missing('agreementId', 'agreementId 须为协议编号 (uuid)');
    if (!reason || reason.length > 500) throw missing('reason', '请填写解约理由（不超过 500 字）');
    const files = body.files.filter((f) => f.field === 'materials');
    if (files.length === 0) throw missing('materials', '请至少上传一份解约材料');
    const materials = [];
    for (const f of files) materials.push(await sendFile(this.bus, ctx, f));
    return this.bus.request(terminationApply, { agreementId, reason, materials }, ctx);
  }

  @Get()
  @Roles(...READERS)
  @Endpoint({
    operationId: 'listTerminations',
    summary:
      'Applications: graduate own; employer its agreements’; counsellor their graduates; school admin the school. Oldest first',
    query: requestObject(terminationList),
    response: terminationPageView,
  })
  list(@Query() query: RequestOf<typeof terminationList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationList, query, ctx);
  }

  @Get(':id')
  @Roles(...READERS)
  @Endpoint({
    operationId: 'getTermination',
    summary: 'One termination application',
    params: ID,
    response: terminationView,
    errors: [ErrorCode.NOT_FOUND],
  })
  get(@Param('id') terminationId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationGet, { terminationId }, ctx);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(...PARTIES)
  @Endpoint({
    operationId: 'withdrawTermination',
    summary:
      'The party that applied withdraws its application before it is decided; the other party → 403',
    params: ID,
    response: terminationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  withdraw(@Param('id') terminationId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationWithdraw, { terminationId }, ctx);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(Role.COUNSELLOR, Role.SCHOOL_ADMIN)
  @Endpoint({
    operationId: 'decideTermination',
    summary: 'AGREE (agreement TERMINATED) or DISAGREE with a reason; another counsellor → 403',
    params: ID,
    body: terminationDecisionSchema,
    example: REQUEST_EXAMPLES.terminationDecision,
    response: terminationView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  decide(
    @Param('id') terminationId: string,
    @Body() body: Omit<RequestOf<typeof terminationDecide>, 'terminationId'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(terminationDecide, { ...body, terminationId }, ctx);
  }

  @Get(':id/materials/:materialId/content')
  @Roles(...READERS)
  @Endpoint({
    operationId: 'downloadTerminationMaterial',
    summary: 'Downloads one termination material',
    params: uuidParams('id', 'materialId'),
    response: { file: ['application/pdf', 'image/jpeg', 'image/png'], description: '解约材料原件' },
    errors: [ErrorCode.NOT_FOUND],
  })
  async material(
    @Param('id') terminationId: string,
    @Param('materialId') materialId: string,
    @Ctx() ctx: RequestContext,
    @Res() reply: FastifyReply,
  ) {
    await sendDownload(reply, (seq) =>
      this.bus.request(terminationMaterialContent, { terminationId, materialId, seq }, ctx),
    );
  }
}
