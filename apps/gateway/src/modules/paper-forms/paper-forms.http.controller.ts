import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { paperFormIssue, paperFormList, paperFormReissue, Role, type RequestContext } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { IssuePaperFormDto, PaperFormListQueryDto, ReissuePaperFormDto } from './paper-forms.dto.js';

const STAFF = [Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR] as const;

/** 纸质协议书: issued once per graduate, collected when they sign online, re-issued with a reason. */
@ApiTags('paper-forms')
@ApiBearerAuth()
@Controller('schools/:schoolCode')
export class PaperFormsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('graduates/:graduateId/paper-forms')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Records the paper agreement form issued to a graduate (the first one)' })
  issue(@Param('schoolCode') schoolCode: string, @Param('graduateId') graduateId: string, @Body() body: IssuePaperFormDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(paperFormIssue, { schoolCode, graduateId, formNo: body.formNo }, ctx);
  }

  @Post('graduates/:graduateId/paper-forms/reissue')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Re-issues a form with a reason; the form still held is voided' })
  reissue(@Param('schoolCode') schoolCode: string, @Param('graduateId') graduateId: string, @Body() body: ReissuePaperFormDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(paperFormReissue, { schoolCode, graduateId, formNo: body.formNo, reason: body.reason }, ctx);
  }

  @Get('paper-forms')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Paper forms in the caller’s scope, paged {items, total}' })
  list(@Param('schoolCode') schoolCode: string, @Query() q: PaperFormListQueryDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(
      paperFormList,
      {
        schoolCode,
        ...(q.status ? { status: q.status } : {}),
        ...(q.graduateId ? { graduateId: q.graduateId } : {}),
        ...(q.departmentCode ? { departmentCode: q.departmentCode } : {}),
        page: q.page ?? 1,
        pageSize: q.pageSize ?? 20,
      },
      ctx,
    );
  }
}
