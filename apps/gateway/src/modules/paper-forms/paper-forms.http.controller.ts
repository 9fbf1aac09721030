import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import {
  ErrorCode,
  paperFormIssue,
  paperFormIssueBody,
  paperFormList,
  paperFormListQuery,
  paperFormPageView,
  paperFormReissue,
  paperFormReissueBody,
  paperFormView,
  Role,
  schoolGraduateFormParams,
  schoolParams,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const STAFF = [Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR] as const;
type GraduatePath = { schoolCode: string; graduateId: string };

/** 纸质协议书: issued once per graduate, collected when they sign online, re-issued with a reason. */
@Area('paper-forms')
@Controller('schools/:schoolCode')
export class PaperFormsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('graduates/:graduateId/paper-forms')
  @Roles(...STAFF)
  @Endpoint({
    operationId: 'issuePaperForm',
    summary: 'Records the paper agreement form issued to a graduate (the first one)',
    params: schoolGraduateFormParams,
    body: paperFormIssueBody,
    example: REQUEST_EXAMPLES.paperForm,
    response: paperFormView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.INVALID_STATE],
  })
  issue(@Param() path: GraduatePath, @Body() body: { formNo: string }, @Ctx() ctx: RequestContext) {
    return this.bus.request(paperFormIssue, { ...path, formNo: body.formNo }, ctx);
  }

  @Post('graduates/:graduateId/paper-forms/reissue')
  @Roles(...STAFF)
  @Endpoint({
    operationId: 'reissuePaperForm',
    summary: 'Re-issues a form with a reason; the form still held is voided',
    params: schoolGraduateFormParams,
    body: paperFormReissueBody,
    example: REQUEST_EXAMPLES.paperFormReissue,
    response: paperFormView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.CONFLICT, ErrorCode.INVALID_STATE],
  })
  reissue(
    @Param() path: GraduatePath,
    @Body() body: { formNo: string; reason: string },
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(
      paperFormReissue,
      { ...path, formNo: body.formNo, reason: body.reason },
      ctx,
    );
  }

  @Get('paper-forms')
  @Roles(...STAFF)
  @Endpoint({
    operationId: 'listPaperForms',
    summary: 'Paper forms in the caller’s scope, paged {items, total}',
    params: schoolParams,
    query: paperFormListQuery,
    response: paperFormPageView,
  })
  list(
    @Param('schoolCode') schoolCode: string,
    @Query() query: Omit<RequestOf<typeof paperFormList>, 'schoolCode'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(paperFormList, { ...query, schoolCode }, ctx);
  }
}
