import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  meGet,
  notificationRead,
  notificationsList,
  passwordChange,
  Role,
  sourceInfoConfirm,
  sourceInfoCorrectionRequest,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
import { ChangePasswordDto, CorrectionRequestDto, NotificationsQuery } from './me.dto.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles(ANY_ROLE)
  @ApiOperation({
    summary: 'Own profile; a graduate sees the source info with the ID number masked',
  })
  me(@Ctx() ctx: RequestContext) {
    return this.bus.request(meGet, {}, ctx);
  }

  @Post('source-info/confirmation')
  @Roles(Role.GRADUATE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirms the roster record (生源信息维护)' })
  confirm(@Ctx() ctx: RequestContext) {
    return this.bus.request(sourceInfoConfirm, {}, ctx);
  }

  @Post('source-info/corrections')
  @Roles(Role.GRADUATE)
  @ApiOperation({
    summary: 'Asks the school to correct the record; applied only when the school admin approves',
  })
  requestCorrection(@Body() body: CorrectionRequestDto, @Ctx() ctx: RequestContext) {
    const changes = Object.fromEntries(
      Object.entries(body.changes).filter(([, v]) => v !== undefined),
    );
    return this.bus.request(sourceInfoCorrectionRequest, { changes, reason: body.reason }, ctx);
  }

  @Post('password')
  @Roles(
    Role.EMPLOYER,
    Role.DEPARTMENT_STAFF,
    Role.COUNSELLOR,
    Role.SCHOOL_ADMIN,
    Role.PROVINCE_ADMIN,
  )
  @HttpCode(200)
  // Guessing the current password with a stolen session is slowed like login (per account).
  @RateLimited({ setting: 'PASSWORD_CHANGE_LIMIT_PER_ACCOUNT', per: 'caller', windowMs: MINUTE })
  @ApiOperation({
    summary:
      'Changes the caller’s password (not WeChat graduates): other sessions end; → {accessToken} that keeps working',
  })
  changePassword(@Body() body: ChangePasswordDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(passwordChange, body, ctx);
  }

  @Get('notifications')
  @Roles(ANY_ROLE)
  @ApiOperation({ summary: 'Inbox, newest first: {items, total, unread}' })
  notifications(@Query() query: NotificationsQuery, @Ctx() ctx: RequestContext) {
    return this.bus.request(
      notificationsList,
      {
        page: query.page ?? 1,
        pageSize: query.pageSize ?? 20,
        ...(query.unreadOnly ? { unreadOnly: true } : {}),
      },
      ctx,
    );
  }

  @Post('notifications/:id/read')
  @Roles(ANY_ROLE)
  @HttpCode(200)
  @ApiOperation({ summary: 'Marks an inbox item read' })
  read(@Param('id', new ParseUUIDPipe()) id: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(notificationRead, { id }, ctx);
  }
}
