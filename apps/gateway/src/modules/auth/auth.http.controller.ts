import { Body, Controller, HttpCode, Post, Req } from '@nestjs/common';
import {
  accessTokenView,
  authLogin,
  ErrorCode,
  wechatBindView,
  wechatLoginView,
  authWechatBind,
  authWechatLogin,
  Role,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import type { FastifyRequest } from 'fastify';
import { Public, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
import { RosterMismatchLimit } from './roster-mismatch-limit.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

const DAY = 24 * 60 * MINUTE;

@Area('auth')
@Controller('auth')
export class AuthHttpController {
  constructor(
    private readonly bus: BusClient,
    private readonly mismatches: RosterMismatchLimit,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @RateLimited(
    { setting: 'LOGIN_LIMIT_PER_ACCOUNT', per: { bodyField: 'username' }, windowMs: MINUTE },
    { setting: 'LOGIN_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE },
  )
  @Endpoint({
    operationId: 'login',
    summary: 'Staff, employer and admin login → {accessToken}',
    body: authLogin.request,
    example: REQUEST_EXAMPLES.login,
    response: accessTokenView,
    errors: [ErrorCode.UNAUTHENTICATED],
  })
  login(@Body() body: { username: string; password: string }, @Ctx() ctx: RequestContext) {
    return this.bus.request(authLogin, body, ctx);
  }

  @Post('wechat/login')
  @Public()
  @HttpCode(200)
  @RateLimited({ setting: 'WECHAT_LOGIN_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE })
  @Endpoint({
    operationId: 'wechatLogin',
    summary: 'Mini-program login: exchanges the code with WeChat → {accessToken, bound}',
    body: authWechatLogin.request,
    example: REQUEST_EXAMPLES.wechatLogin,
    response: wechatLoginView,
    errors: [ErrorCode.UNAUTHENTICATED],
  })
  wechatLogin(@Body() body: { code: string }, @Ctx() ctx: RequestContext) {
    return this.bus.request(authWechatLogin, body, ctx);
  }

  @Post('wechat/bind')
  @Roles(Role.WECHAT_UNBOUND)
  @HttpCode(200)
  // After the role check (staff: 403). Per WeChat session (one WeChat account) and per address;
  // mismatches per roster record are counted once identity has answered (RosterMismatchLimit).
  @RateLimited(
    { setting: 'BIND_LIMIT_PER_SESSION', per: 'caller', windowMs: MINUTE },
    { setting: 'BIND_LIMIT_PER_SESSION_PER_DAY', per: 'caller', windowMs: DAY },
    { setting: 'BIND_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE },
  )
  @Endpoint({
    operationId: 'wechatBind',
    summary: 'Binds the WeChat session to the matching roster record → {accessToken, graduate}',
    body: authWechatBind.request,
    example: REQUEST_EXAMPLES.wechatBind,
    response: wechatBindView,
    errors: [ErrorCode.ROSTER_MISMATCH, ErrorCode.ALREADY_BOUND],
  })
  wechatBind(
    @Body() body: RequestOf<typeof authWechatBind>,
    @Ctx() ctx: RequestContext,
    @Req() req: FastifyRequest,
  ) {
    return this.mismatches.guard(req, () => this.bus.request(authWechatBind, body, ctx));
  }
}
