import { Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import {
  ErrorCode,
  qualificationDocumentView,
  qualificationUploadFields,
  uuidParams,
  QUALIFICATION_DOCUMENT_KINDS,
  qualificationDocumentContent,
  qualificationDocumentDelete,
  qualificationDocumentOwnContent,
  qualificationDocumentsOfAgreement,
  qualificationDocumentsOwn,
  qualificationDocumentUpload,
  Role,
  type QualificationDocumentKind,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';
import { missing, readMultipart, sendDownload, sendFile } from './file-transfer.js';

/** 资质证明材料: employers upload them; reviewers of an agreement (methods 1 and 2) read them. */
@Area('qualification-documents')
@Controller()
export class QualificationDocumentsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('employer/qualification-documents')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'uploadQualificationDocument',
    summary: 'Uploads a qualification document: PDF/JPEG/PNG by content, ≤ 10 MB (413, 415)',
    upload: { fields: qualificationUploadFields },
    response: qualificationDocumentView,
  })
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
  @Endpoint({
    operationId: 'listOwnQualificationDocuments',
    summary: 'The calling employer’s own qualification documents',
    response: z.array(qualificationDocumentView),
  })
  own(@Ctx() ctx: RequestContext) {
    return this.bus.request(qualificationDocumentsOwn, {}, ctx);
  }

  @Get('employer/qualification-documents/:documentId/content')
  @Roles(Role.EMPLOYER)
  @Endpoint({
    operationId: 'downloadOwnQualificationDocument',
    summary: 'Downloads one of the calling employer’s own documents (another employer’s: 404)',
    params: uuidParams('documentId'),
    response: { file: ['application/pdf', 'image/jpeg', 'image/png'], description: '资质材料原件' },
    errors: [ErrorCode.NOT_FOUND],
  })
  async ownContent(
    @Param('documentId') documentId: string,
    @Ctx() ctx: RequestContext,
    @Res() reply: FastifyReply,
  ) {
    await sendDownload(reply, (seq) =>
      this.bus.request(qualificationDocumentOwnContent, { documentId, seq }, ctx),
    );
  }

  @Delete('employer/qualification-documents/:documentId')
  @Roles(Role.EMPLOYER)
  @HttpCode(204)
  @Endpoint({
    operationId: 'deleteQualificationDocument',
    summary: 'Deletes one of the calling employer’s own documents (another employer’s: 404)',
    description:
      'Soft: the document is kept with its deletion time for an audit, and from then on shown to nobody — neither the employer nor the reviewers of its agreements.',
    params: uuidParams('documentId'),
    response: { noContent: '已删除' },
    errors: [ErrorCode.NOT_FOUND],
  })
  async remove(@Param('documentId') documentId: string, @Ctx() ctx: RequestContext) {
    await this.bus.request(qualificationDocumentDelete, { documentId }, ctx);
  }

  @Get('agreements/:agreementId/qualification-documents')
  @Roles(Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN)
  @Endpoint({
    operationId: 'listAgreementQualificationDocuments',
    summary: 'The employer’s documents behind an agreement (reviewers in scope; QR_CARD: none)',
    params: uuidParams('agreementId'),
    response: z.array(qualificationDocumentView),
    errors: [ErrorCode.NOT_FOUND],
  })
  ofAgreement(@Param('agreementId') agreementId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(qualificationDocumentsOfAgreement, { agreementId }, ctx);
  }

  @Get('agreements/:agreementId/qualification-documents/:documentId/content')
  @Roles(Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN)
  @Endpoint({
    operationId: 'downloadQualificationDocument',
    summary: 'Downloads one qualification document (reviewers in scope)',
    params: uuidParams('agreementId', 'documentId'),
    response: { file: ['application/pdf', 'image/jpeg', 'image/png'], description: '资质材料原件' },
    errors: [ErrorCode.NOT_FOUND],
  })
  async content(
    @Param('agreementId') agreementId: string,
    @Param('documentId') documentId: string,
    @Ctx() ctx: RequestContext,
    @Res() reply: FastifyReply,
  ) {
    await sendDownload(reply, (seq) =>
      this.bus.request(qualificationDocumentContent, { agreementId, documentId, seq }, ctx),
    );
  }
}
