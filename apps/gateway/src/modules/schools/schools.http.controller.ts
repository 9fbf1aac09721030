import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  graduateDestinationList,
  graduatesList,
  Role,
  schoolCreate,
  sourceInfoCorrectionDecide,
  sourceInfoCorrectionsList,
  staffCreate,
  staffDeactivate,
  staffList,
  staffReactivate,
  staffUpdate,
  wechatBindingRelease,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyRequest } from 'fastify';
import { Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { readRosterUpload, sendRoster } from './roster-upload.js';
import {
  CorrectionDecisionDto,
  CorrectionsQuery,
  CreateSchoolDto,
  CreateStaffDto,
  ListGraduatesQuery,
} from './schools.dto.js';
import {
  DeactivateStaffDto,
  ListStaffQuery,
  ReactivateStaffDto,
  UpdateStaffDto,
} from './staff.dto.js';

@ApiTags('schools')
@ApiBearerAuth()
@Controller('schools')
export class SchoolsHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Roles(Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Creates a school with its departments' })
  create(@Body() body: CreateSchoolDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(schoolCreate, body, ctx);
  }

  @Post(':schoolCode/staff')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiOperation({
    summary: 'Creates a staff account: SCHOOL_ADMIN, DEPARTMENT_STAFF or COUNSELLOR',
  })
  createStaff(
    @Param('schoolCode') schoolCode: string,
    @Body() body: CreateStaffDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffCreate, { ...body, schoolCode }, ctx);
  }

  @Get(':schoolCode/staff')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiOperation({
    summary: 'Staff accounts of the school, paged {items, total}: scope and whether active',
  })
  listStaff(
    @Param('schoolCode') schoolCode: string,
    @Query() query: ListStaffQuery,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(
      staffList,
      {
        schoolCode,
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 50,
        ...(query.role ? { role: query.role } : {}),
      },
      ctx,
    );
  }

  @Patch(':schoolCode/staff/:userId')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiOperation({
    summary:
      'Changes a department staff member’s department or a counsellor’s assignment (audited; applies at once)',
  })
  updateStaff(
    @Param('schoolCode') schoolCode: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: UpdateStaffDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffUpdate, { ...body, schoolCode, userId }, ctx);
  }

  @Post(':schoolCode/staff/:userId/deactivation')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Deactivates a staff account: no more logins, its sessions end at once (audited)',
  })
  deactivateStaff(
    @Param('schoolCode') schoolCode: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: DeactivateStaffDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(staffDeactivate, { schoolCode, userId, reason: body.reason }, ctx);
  }

  @Post(':schoolCode/staff/:userId/reactivation')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @ApiOperation({ summary: 'Lets a deactivated staff account log in again (audited)' })
  reactivateStaff(
    @Param('schoolCode') schoolCode: string,
    @Param('userId', new ParseUUIDPipe()) userId: string,
    @Body() body: ReactivateStaffDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(
      staffReactivate,
      { schoolCode, userId, ...(body.reason ? { reason: body.reason } : {}) },
      ctx,
    );
  }

  @Post(':schoolCode/roster')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ description: 'CSV or XLSX in field `file`, or JSON {graduates: [roster record]}' })
  @ApiOperation({
    summary: 'Upserts roster records → {created, updated, rejected: [{row, code, message}]}',
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
  @ApiOperation({
    summary:
      'Roster in the caller’s scope, paged {items, total}, with each graduate’s destination and active agreement; ID numbers masked',
  })
  async graduates(
    @Param('schoolCode') schoolCode: string,
    @Query() query: ListGraduatesQuery,
    @Ctx() ctx: RequestContext,
  ) {
    // Identity owns the roster, signing the destinations: one page from each, joined here.
    const page = await this.bus.request(
      graduatesList,
      { schoolCode, page: query.page ?? 1, pageSize: query.pageSize ?? 50, ...strip(query) },
      ctx,
    );
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
  @ApiOperation({ summary: 'Releases a graduate’s WeChat binding (audited)' })
  release(
    @Param('schoolCode') schoolCode: string,
    @Param('graduateId', new ParseUUIDPipe()) graduateId: string,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(wechatBindingRelease, { schoolCode, graduateId }, ctx);
  }

  @Get(':schoolCode/source-info-corrections')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @ApiOperation({ summary: 'Graduates’ correction requests of their source info' })
  corrections(
    @Param('schoolCode') schoolCode: string,
    @Query() query: CorrectionsQuery,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(
      sourceInfoCorrectionsList,
      { schoolCode, ...(query.status ? { status: query.status } : {}) },
      ctx,
    );
  }

  @Post(':schoolCode/source-info-corrections/:id/decision')
  @Roles(Role.SCHOOL_ADMIN, Role.PROVINCE_ADMIN)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approves (the record changes) or rejects (reason required) a correction',
  })
  decide(
    @Param('schoolCode') schoolCode: string,
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() body: CorrectionDecisionDto,
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(sourceInfoCorrectionDecide, { schoolCode, id, ...body }, ctx);
  }
}

function strip(query: ListGraduatesQuery): Pick<ListGraduatesQuery, 'departmentCode' | 'q' | 'destination'> {
  return {
    ...(query.departmentCode ? { departmentCode: query.departmentCode } : {}),
    ...(query.q ? { q: query.q } : {}),
    ...(query.destination ? { destination: query.destination } : {}),
  };
}
