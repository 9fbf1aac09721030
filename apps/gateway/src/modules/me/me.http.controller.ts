import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  accessTokenView,
  ErrorCode,
  idParams,
  meGet,
  meView,
  notificationPageView,
  notificationReadView,
  notificationsQuery,
  sourceInfoConfirmationView,
  sourceInfoCorrectionView,
  REQUEST_EXAMPLES,
  type CorrectionChanges,
  notificationRead,
  notificationsList,
  passwordChange,
  Role,
  sourceInfoConfirm,
  sourceInfoCorrectionRequest,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { ANY_ROLE, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

@Area('me')
@Controller('me')
export class MeHttpController {
  constructor(private readonly bus: BusClient) {}

  @Get()
  @Roles(ANY_ROLE)
  @Endpoint({
    operationId: 'getMe',
    summary: 'Own profile; a graduate sees the source info with the ID number masked',
    response: meView,
  })
  me(@Ctx() ctx: RequestContext) {
    return this.bus.request(meGet, {}, ctx);
  }

  @Post('source-info/confirmation')
  @Roles(Role.GRADUATE)
  @HttpCode(200)
  @Endpoint({
    operationId: 'confirmSourceInfo',
    summary: 'Confirms the roster record (生源信息维护)',
    response: sourceInfoConfirmationView,
    errors: [ErrorCode.INVALID_STATE],
  })
  confirm(@Ctx() ctx: RequestContext) {
    return this.bus.request(sourceInfoConfirm, {}, ctx);
  }

  @Post('source-info/corrections')
  @Roles(Role.GRADUATE)
  @Endpoint({
    operationId: 'requestSourceInfoCorrection',
    summary: 'Asks the school to correct the record; applied only when the school admin approves',
    body: sourceInfoCorrectionRequest.request,
    example: REQUEST_EXAMPLES.correction,
    response: sourceInfoCorrectionView,
    errors: [ErrorCode.INVALID_STATE],
  })
  requestCorrection(
    @Body() body: { changes: CorrectionChanges; reason: string },
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(sourceInfoCorrectionRequest, body, ctx);
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
  @Endpoint({
    operationId: 'changePassword',
    summary:
      'Changes the caller’s password (not WeChat graduates): other sessions end; → {accessToken} that keeps working',
    body: passwordChange.request,
    response: accessTokenView,
  })
  changePassword(
    @Body() body: { currentPassword: string; newPassword: string },
    @Ctx() ctx: RequestContext,
  ) {
    return this.bus.request(passwordChange, body, ctx);
  }

  @Get('notifications')
  @Roles(ANY_ROLE)
  @Endpoint({
    operationId: 'listNotifications',
    summary: 'Inbox, newest first: {items, total, unread}',
    query: notificationsQuery,
    response: notificationPageView,
  })
  notifications(
    @Query() query: { page: number; pageSize: number; unreadOnly?: boolean },
    @Ctx() ctx: RequestContext,
  ) {
    const { page, pageSize, unreadOnly } = query;
    return this.bus.request(
      notificationsList,
      { page, pageSize, ...(unreadOnly ? { unreadOnly: true } : {}) },
      ctx,
    );
  }

  @Post('notifications/:id/read')
  @Roles(ANY_ROLE)
  @HttpCode(200)
  @Endpoint({
    operationId: 'markNotificationRead',
    summary: 'Marks an inbox item read',
    params: idParams,
    response: notificationReadView,
    errors: [ErrorCode.NOT_FOUND],
  })
  read(@Param('id') id: string, @Ctx() ctx: RequestContext) {
    return this.bus.request(notificationRead, { id }, ctx);
  }
}
