import { createHash } from 'node:crypto';
import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
import {
  ErrorCode,
  jwksView,
  pdfFileVerificationView,
  pdfFileVerify,
  ServiceError,
  verifyFileFields,
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
import { BusClient } from '@netsign/messaging/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGREEMENT_READERS, Public, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';
import { missing, readMultipart } from '../qualification-documents/file-transfer.js';
import { readPdfSignatureParts } from './pdf-signature-parts.js';

const READERS = AGREEMENT_READERS;
const PDF_MAGIC = Buffer.from('%PDF-');

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
    response: {
      file: ['application/pdf'],
      description: '协议书 PDF（一式三份）；响应头 x-content-sha256 为文件摘要',
    },
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
      .header(
        'content-disposition',
        `attachment; filename="agreement-${agreementId}-v${opened.renderVersion}.pdf"`,
      )
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
  @RateLimited({ setting: 'VERIFY_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE })
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

  @Post('verify/file')
  @Public()
  @HttpCode(200)
  @RateLimited({ setting: 'VERIFY_FILE_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE })
  @Endpoint({
    operationId: 'verifyPdfFile',
    summary:
      'Checks a downloaded agreement PDF: byte for byte a file the platform issued, and its embedded signature',
    description:
      'multipart 字段 `file`：PDF，不超过 10 MB。200 `{genuine: true, agreementNo, copies, renderVersion, …}` 表示与平台出具的文件逐字节一致；' +
      '未知或被改动的文件也答 200 `{genuine: false}`（不是 404），`signature` 说明内嵌的平台签名是否完好。',
    upload: { fields: verifyFileFields },
    response: pdfFileVerificationView,
  })
  async verifyFile(@Req() req: FastifyRequest, @Ctx() ctx: RequestContext) {
    const body = await readMultipart(req);
    const files = body.files.filter((f) => f.field === 'file');
    if (files.length === 0 || files[0]!.bytes.length === 0)
      throw missing('file', '请选择要核验的 PDF 文件');
    if (files.length > 1) throw missing('file', '一次只能核验一个文件');
    const bytes = files[0]!.bytes;
    if (!bytes.subarray(0, 5).equals(PDF_MAGIC)) {
      throw new ServiceError(
        ErrorCode.UNSUPPORTED_FILE_TYPE,
        '请上传从本平台下载的 PDF 协议书文件',
      );
    }
    // Only the hash and the signature's parts cross the bus; the file is not kept.
    return this.bus.request(
      pdfFileVerify,
      {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        signature: readPdfSignatureParts(bytes),
      },
      ctx,
    );
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
