import { Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  QUALIFICATION_DOCUMENT_KINDS,
  qualificationDocumentContent,
  qualificationDocumentsOfAgreement,
  qualificationDocumentsOwn,
  qualificationDocumentUpload,
  Role,
  type QualificationDocumentKind,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { missing, readMultipart, sendDownload, sendFile } from './file-transfer.js';

/** 资质证明材料: employers upload them; reviewers of an agreement (methods 1 and 2) read them. */
@ApiTags('qualification-documents')
@ApiBearerAuth()
@Controller()
export class QualificationDocumentsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('employer/qualification-documents')
  @Roles(Role.EMPLOYER)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'kind'],
      properties: { file: { type: 'string', format: 'binary' }, kind: { type: 'string', enum: [...QUALIFICATION_DOCUMENT_KINDS] } },
    },
  })
  @ApiOperation({ summary: 'Uploads a qualification document: PDF/JPEG/PNG by content, ≤ 10 MB (413, 415)' })
  async upload(@Req() req: FastifyRequest, @Ctx() ctx: RequestContext) {
    const body = await readMultipart(req);
    const kind = body.fields['kind'] as QualificationDocumentKind | undefined;
    if (!kind || !QUALIFICATION_DOCUMENT_KINDS.includes(kind)) {
      throw missing('kind', `kind 须为 ${QUALIFICATION_DOCUMENT_KINDS.join('、')} 之一`);
    }
    const file = body.files.find((f) => f.field === 'file');
    if (!file) throw missing('file', '缺少文件');
    const ref = await sendFile(this.bus, ctx, file);
    return this.bus.request(qualificationDocumentUpload, { kind, file: ref }, ctx);
  }

  @Get('employer/qualification-documents')
  @Roles(Role.EMPLOYER)
  @ApiOperation({ summary: 'The calling employer’s own qualification documents' })
  own(@Ctx() ctx: RequestContext) {
    return this.bus.request(qualificationDocumentsOwn, {}, ctx);
  }

  @Get('agreements/:agreementId/qualification-documents')
  @Roles(Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN)
  @ApiOperation({ summary: 'The employer’s documents behind an agreement (reviewers in scope; QR_CARD: none)' })
  ofAgreement(@Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(qualificationDocumentsOfAgreement, { agreementId }, ctx);
  }

  @Get('agreements/:agreementId/qualification-documents/:documentId/content')
  @Roles(Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN)
  @ApiProduces('application/pdf', 'image/jpeg', 'image/png')
  @ApiOperation({ summary: 'Downloads one qualification document (reviewers in scope)' })
  async content(
    @Param('agreementId', new ParseUUIDPipe()) agreementId: string,
    @Param('documentId', new ParseUUIDPipe()) documentId: string,
    @Ctx() ctx: RequestContext,
    @Res() reply: FastifyReply,
  ) {
    await sendDownload(reply, (seq) => this.bus.request(qualificationDocumentContent, { agreementId, documentId, seq }, ctx));
  }
}
