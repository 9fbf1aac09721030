import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  Role,
  terminationApply,
  terminationDecide,
  terminationGet,
  terminationList,
  terminationMaterialContent,
  terminationWithdraw,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { missing, readMultipart, sendDownload, sendFile } from '../qualification-documents/file-transfer.js';
import { TerminationDecisionDto, TerminationListQueryDto } from './terminations.dto.js';

const READERS = [Role.GRADUATE, Role.COUNSELLOR, Role.SCHOOL_ADMIN] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 解约: the graduate applies with materials; their counsellor or the school admin decides. */
@ApiTags('terminations')
@ApiBearerAuth()
@Controller('terminations')
export class TerminationsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles(Role.GRADUATE)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['agreementId', 'reason', 'materials'],
      properties: {
        agreementId: { type: 'string', format: 'uuid' },
        reason: { type: 'string', maxLength: 500 },
        materials: { type: 'array', items: { type: 'string', format: 'binary' }, description: 'PDF/JPEG/PNG, ≤ 10 MB each' },
      },
    },
  })
  @ApiOperation({ summary: 'Applies to terminate the graduate’s active agreement; one open application per agreement' })
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
  @ApiOperation({ summary: 'Applications: graduate own; counsellor their graduates; school admin the school. Oldest first' })
  list(@Query() q: TerminationListQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationList, { ...(q.status ? { status: q.status } : {}), page: q.page ?? 1, pageSize: q.pageSize ?? 20 }, ctx);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'One termination application' })
  get(@Param('id', new ParseUUIDPipe()) terminationId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationGet, { terminationId }, ctx);
  }

  @Post(':id/withdrawal')
  @HttpCode(200)
  @Roles(Role.GRADUATE)
  @ApiOperation({ summary: 'The graduate withdraws their application before it is decided' })
  withdraw(@Param('id', new ParseUUIDPipe()) terminationId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationWithdraw, { terminationId }, ctx);
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Roles(Role.COUNSELLOR, Role.SCHOOL_ADMIN)
  @ApiOperation({ summary: 'AGREE (agreement TERMINATED) or DISAGREE with a reason; another counsellor → 403' })
  decide(@Param('id', new ParseUUIDPipe()) terminationId: string, @Body() body: TerminationDecisionDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(terminationDecide, { terminationId, decision: body.decision, reason: body.reason ?? null }, ctx);
  }

  @Get(':id/materials/:materialId/content')
  @Roles(...READERS)
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOperation({ summary: 'Downloads one termination material' })
  async material(
    @Param('id', new ParseUUIDPipe()) terminationId: string,
    @Param('materialId', new ParseUUIDPipe()) materialId: string,
    @Ctx() ctx: RequestContext,
    @Res() reply: FastifyReply,
  ) {
    await sendDownload(reply, (seq) => this.bus.request(terminationMaterialContent, { terminationId, materialId, seq }, ctx));
  }
}
