import { Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  ErrorCode,
  jwksView,
  printRecordPageView,
  renderingView,
  requestObject,
  rerenderView,
  uuidParams,
  verificationView,
  verifyParams,
  printPdfChunk,
  printPdfOpen,
  printRecordList,
  printRerender,
  Role,
  verificationKeys,
  verifyToken,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGREEMENT_READERS, Public, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const READERS = AGREEMENT_READERS;

@Area('printing')
@Controller()
export class PrintingHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get('agreements/:id/pdf')
  @Roles(...READERS)
  @Endpoint({
    operationId: 'downloadAgreementPdf',
    summary: 'The agreement PDF (3 copies); 202 while rendering; NOT_PRINTABLE unless approved',
    params: uuidParams('id'),
    response: { file: ['application/pdf'], description: '协议书 PDF（一式三份）；响应头 x-content-sha256 为文件摘要' },
    alsoAnswers: { 202: { description: '正在生成，请稍后再试', schema: renderingView } },
    errors: [ErrorCode.NOT_PRINTABLE, ErrorCode.NOT_FOUND],
  })
  async pdf(
    @Param('id') agreementId: string,
    @Ctx() ctx: RequestContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const opened = await this.bus.request(printPdfOpen, { agreementId }, ctx);
    if (opened.status === 'RENDERING') {
      void reply.status(202);
      return { status: 'RENDERING' };
    }
    const parts: Buffer[] = [];
    for (let index = 0; index < opened.chunks; index++) {
      const { data } = await this.bus.request(
        printPdfChunk,
        { agreementId, renderVersion: opened.renderVersion, index },
        ctx,
      );
      parts.push(Buffer.from(data, 'base64'));
    }
    void reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="agreement-${agreementId}-v${opened.renderVersion}.pdf"`)
      .header('x-content-sha256', opened.sha256);
    return Buffer.concat(parts);
  }

  @Get('print-records')
  @Roles(Role.DEPARTMENT_STAFF, Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN, Role.EMPLOYER)
  @Endpoint({
    operationId: 'listPrintRecords',
    summary: 'Print management (协议书打印管理): approved agreements, their PDFs and print history',
    query: requestObject(printRecordList),
    response: printRecordPageView,
  })
  list(@Query() query: RequestOf<typeof printRecordList>, @Ctx() ctx: RequestContext) {
    return this.bus.request(printRecordList, query, ctx);
  }

  @Post('print-records/:agreementId/re-render')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'rerenderAgreement',
    summary: 'Renders the agreement again (e.g. after a template change): a new render version',
    params: uuidParams('agreementId'),
    response: rerenderView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.NOT_PRINTABLE],
  })
  rerender(@Param('agreementId') agreementId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(printRerender, { agreementId }, ctx);
  }

  @Get('verify/:token')
  @Public()
  @RouteConfig({ rateLimit: { max: 30, timeWindow: 60_000 } })
  @Endpoint({
    operationId: 'verifyCopy',
    summary: 'Checks a printed copy: genuine, which copy, the agreement status now (masked names)',
    params: verifyParams,
    response: verificationView,
    errors: [ErrorCode.VERIFICATION_INVALID],
  })
  verify(@Param('token') token: string, @Ctx() ctx: RequestContext, @Req() req: FastifyRequest) {
    return this.bus.request(verifyToken, { token, client: req.ip ?? null }, ctx);
  }

  @Get('verification-keys')
  @Public()
  @Endpoint({
    operationId: 'getVerificationKeys',
    summary: 'Public keys (JWKS, Ed25519) that sign verification tokens, to check a copy offline',
    response: jwksView,
  })
  keys(@Ctx() ctx: RequestContext) {
    return this.bus.request(verificationKeys, {}, ctx);
  }
}
