import { Controller, Get, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  printPdfChunk,
  printPdfOpen,
  printRecordList,
  printRerender,
  Role,
  verificationKeys,
  verifyToken,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AGREEMENT_READERS, Public, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { PrintRecordQueryDto } from './printing.dto.js';

const READERS = AGREEMENT_READERS;

@ApiTags('printing')
@Controller()
export class PrintingHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get('agreements/:id/pdf')
  @Roles(...READERS)
  @ApiBearerAuth()
  @ApiProduces('application/pdf')
  @ApiOperation({ summary: 'The agreement PDF (3 copies); 202 while rendering; NOT_PRINTABLE unless approved' })
  async pdf(
    @Param('id', new ParseUUIDPipe()) agreementId: string,
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
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Print management (协议书打印管理): approved agreements, their PDFs and print history' })
  list(@Query() query: PrintRecordQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(printRecordList, { status: query.status, page: query.page ?? 1, pageSize: query.pageSize ?? 20 }, ctx);
  }

  @Post('print-records/:agreementId/re-render')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Renders the agreement again (e.g. after a template change): a new render version' })
  rerender(@Param('agreementId', new ParseUUIDPipe()) agreementId: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(printRerender, { agreementId }, ctx);
  }

  @Get('verify/:token')
  @Public()
  @RateLimited({ setting: 'VERIFY_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE })
  @ApiOperation({ summary: 'Checks a printed copy: genuine, which copy, the agreement status now (masked names)' })
  verify(@Param('token') token: string, @Ctx() ctx: RequestContext, @Req() req: FastifyRequest) {
    return this.bus.request(verifyToken, { token, client: req.ip ?? null }, ctx);
  }

  @Get('verification-keys')
  @Public()
  @ApiOperation({ summary: 'Public keys (JWKS, Ed25519) that sign verification tokens, to check a copy offline' })
  keys(@Ctx() ctx: RequestContext) {
    return this.bus.request(verificationKeys, {}, ctx);
  }
}
