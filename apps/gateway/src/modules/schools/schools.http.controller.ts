import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  correctionDecisionSchema,
  correctionListView,
  correctionsListQuery,
  ErrorCode,
  graduateDestinationList,
  graduatesList,
  graduatesListQuery,
  Role,
  rosterGraduatePageView,
  rosterImportView,
  rosterJsonBody,
  rosterUploadFields,
  schoolCorrectionParams,
  schoolCreate,
  schoolDirectoryView,
  schoolGet,
  schoolGraduateParams,
  schoolList,
  schoolParams,
  schoolUserParams,
  schoolView,
  sourceInfoCorrectionDecide,
  sourceInfoCorrectionsList,
  sourceInfoCorrectionView,
  staffAccountCreatedView,
  staffAccountPageView,
  staffAccountView,
  staffCreate,
  staffCreateBody,
  staffDeactivate,
  staffDeactivateBody,
  staffList,
  staffListQuery,
  staffReactivate,
  staffReactivateBody,
  staffUpdate,
  staffUpdateBody,
  wechatBindingRelease,
  wechatBindingReleaseView,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import type { FastifyRequest } from 'fastify';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';
import { readRosterUpload, sendRoster } from './roster-upload.js';

/** What a request contract takes besides the path parameters of its route. */
type Without<C, K extends string> = Omit<RequestOf<C>, K>;
type UserPath = { schoolCode: string; userId: string };

@Area('schools')
@Controller('schools')
export class SchoolsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles(Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'createSchool',
    summary: 'Creates a school with its departments',
    body: schoolCreate.request,
    example: REQUEST_EXAMPLES.createSchool,
    response: schoolView,
    errors: [ErrorCode.CONFLICT],
  })
  create(@Body() body: RequestOf<typeof schoolCreate>, @Ctx() ctx: RequestContext) {
    return this.bus.request(schoolCreate, body, ctx);
  }

  @Get()
  @Roles(ANY_ROLE)
  @Endpoint({
    operationId: 'listSchools',
    summary:
      'The school directory: every school with its departments, by code (a graduate binding picks from it)',
    response: schoolDirectoryView,
  })
  list(@Ctx() ctx: RequestContext) {
    return this.bus.request(schoolList, {}, ctx);
  }

  @Get(':schoolCode')
  @Roles(ANY_ROLE)
  @Endpoint({
    operationId: 'getSchool',
    summary: 'One school with its departments',
    params: schoolParams,
    response: schoolView,
    errors: [ErrorCode.NOT_FOUND],
  })
  get(@Param('schoolCode') schoolCode: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(schoolGet, { schoolCode }, ctx);
  }

  @Post(':schoolCode/staff')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'createStaffAccount',
    summary: 'Creates a staff account: SCHOOL_ADMIN, DEPARTMENT_STAFF or COUNSELLOR',
    params: schoolParams,
    body: staffCreateBody,
    example: REQUEST_EXAMPLES.createStaff,
    response: staffAccountCreatedView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.CONFLICT],
  })
  createStaff(
    @Param('schoolCode') schoolCode: string,
    @Body() body: Without<typeof staffCreate, 'schoolCode'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffCreate, { ...body, schoolCode }, ctx);
  }

  @Get(':schoolCode/staff')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'listStaffAccounts',
    summary: 'Staff accounts of the school, paged {items, total}: scope and whether active',
    params: schoolParams,
    query: staffListQuery,
    response: staffAccountPageView,
    errors: [ErrorCode.NOT_FOUND],
  })
  listStaff(
    @Param('schoolCode') schoolCode: string,
    @Query() query: Without<typeof staffList, 'schoolCode'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffList, { ...query, schoolCode }, ctx);
  }

  @Patch(':schoolCode/staff/:userId')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'updateStaffAccount',
    summary:
      'Changes a department staff member’s department or a counsellor’s assignment (audited; applies at once)',
    params: schoolUserParams,
    body: staffUpdateBody,
    response: staffAccountView,
    errors: [ErrorCode.NOT_FOUND],
  })
  updateStaff(
    @Param() path: UserPath,
    @Body() body: Without<typeof staffUpdate, keyof UserPath>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffUpdate, { ...body, ...path }, ctx);
  }

  @Post(':schoolCode/staff/:userId/deactivation')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @Endpoint({
    operationId: 'deactivateStaffAccount',
    summary: 'Deactivates a staff account: no more logins, its sessions end at once (audited)',
    params: schoolUserParams,
    body: staffDeactivateBody,
    example: REQUEST_EXAMPLES.deactivate,
    response: staffAccountView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  deactivateStaff(
    @Param() path: UserPath,
    @Body() body: Without<typeof staffDeactivate, keyof UserPath>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffDeactivate, { ...body, ...path }, ctx);
  }

  @Post(':schoolCode/staff/:userId/reactivation')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @Endpoint({
    operationId: 'reactivateStaffAccount',
    summary: 'Lets a deactivated staff account log in again (audited)',
    params: schoolUserParams,
    body: staffReactivateBody,
    response: staffAccountView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  reactivateStaff(
    @Param() path: UserPath,
    @Body() body: Without<typeof staffReactivate, keyof UserPath>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffReactivate, { ...body, ...path }, ctx);
  }

  @Post(':schoolCode/roster')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @Endpoint({
    operationId: 'importRoster',
    summary: 'Upserts roster records → {created, updated, rejected: [{row, code, message}]}',
    description:
      'CSV or XLSX in multipart field `file`, or JSON `{graduates: [roster record]}`; bad rows are rejected one by one.',
    params: schoolParams,
    upload: { fields: rosterUploadFields, json: rosterJsonBody },
    response: rosterImportView,
    errors: [ErrorCode.NOT_FOUND],
  })
  async roster(
    @Param('schoolCode') schoolCode: string,
    @Req() req: FastifyRequest,
    @Ctx() ctx: RequestContext,
  ) {
    return sendRoster(this.bus, ctx, schoolCode, await readRosterUpload(req));
  }

  @Get(':schoolCode/graduates')
  @Roles(Role.SCHOOL_ADMIN, Role.DEPARTMENT_STAFF, Role.COUNSELLOR, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'listRosterGraduates',
    summary:
      'Roster in the caller’s scope, paged {items, total}, with each graduate’s destination and active agreement; ID numbers masked',
    params: schoolParams,
    query: graduatesListQuery,
    response: rosterGraduatePageView,
    errors: [ErrorCode.NOT_FOUND],
  })
  async graduates(
    @Param('schoolCode') schoolCode: string,
    @Query() query: Without<typeof graduatesList, 'schoolCode'>,
    @Ctx() ctx: RequestContext,
  ) {
    // Identity owns the roster, signing the destinations: one page from each, joined here.
    const page = await this.bus.request(graduatesList, { ...query, schoolCode }, ctx);
    if (page.items.length === 0) return page;
    const states = await this.bus.request(
      graduateDestinationList,
      { schoolCode, graduateIds: page.items.map((g) => g.graduateId) },
      ctx,
    );
    const byId = new Map(states.map((d) => [d.graduateId, d]));
    return {
      ...page,
      items: page.items.map((g) => {
        const state = byId.get(g.graduateId);
        // Not in signing's view yet (a record imported a moment ago): nothing signed, awaiting.
        return {
          ...g,
          destination: state?.destination ?? 'AWAITING_EMPLOYMENT',
          destinationNote: state?.note ?? null,
          activeAgreement: state?.activeAgreement ?? null,
        };
      }),
    };
  }

  @Delete(':schoolCode/graduates/:graduateId/wechat-binding')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'releaseWechatBinding',
    summary: 'Releases a graduate’s WeChat binding (audited)',
    params: schoolGraduateParams,
    response: wechatBindingReleaseView,
    errors: [ErrorCode.NOT_FOUND],
  })
  release(@Param() path: { schoolCode: string; graduateId: string }, @Ctx() ctx: RequestContext) {
    return this.bus.request(wechatBindingRelease, path, ctx);
  }

  @Get(':schoolCode/source-info-corrections')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @Endpoint({
    operationId: 'listSourceInfoCorrections',
    summary: 'Graduates’ correction requests of their source info',
    params: schoolParams,
    query: correctionsListQuery,
    response: correctionListView,
  })
  corrections(
    @Param('schoolCode') schoolCode: string,
    @Query() query: Without<typeof sourceInfoCorrectionsList, 'schoolCode'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(sourceInfoCorrectionsList, { ...query, schoolCode }, ctx);
  }

  @Post(':schoolCode/source-info-corrections/:id/decision')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @Endpoint({
    operationId: 'decideSourceInfoCorrection',
    summary: 'Approves (the record changes) or rejects (reason required) a correction',
    params: schoolCorrectionParams,
    body: correctionDecisionSchema,
    example: REQUEST_EXAMPLES.correctionDecision,
    response: sourceInfoCorrectionView,
    errors: [ErrorCode.NOT_FOUND, ErrorCode.INVALID_STATE],
  })
  decide(
    @Param() path: { schoolCode: string; id: string },
    @Body() body: Without<typeof sourceInfoCorrectionDecide, 'schoolCode' | 'id'>,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(sourceInfoCorrectionDecide, { ...body, ...path }, ctx);
  }
}
