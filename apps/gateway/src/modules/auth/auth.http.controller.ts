import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import {
  accessTokenView,
  authLogin,
  ErrorCode,
  wechatBindView,
  wechatLoginView,
  authWechatBind,
  authWechatLogin,
  Role,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyRequest } from 'fastify';
import { Public, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { accountKey } from '../../common/rate-limit.js';
import { AddressRateLimit } from './address-rate-limit.guard.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

/** Per graduate record being bound: slows guessing one student's ID number from many sessions. */
function bindAccountKey(req: FastifyRequest): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const part = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '-');
  return `${req.routeOptions.url}:account:${part(body['schoolCode'])}:${part(body['studentNo'])}`;
}

@Area('auth')
@Controller('auth')
export class AuthHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @RouteConfig({
    rateLimit: {
      max: 10,
      timeWindow: 60_000,
      hook: 'preHandler',
      keyGenerator: accountKey('username'),
    },
  })
  @AddressRateLimit(100)
  @Endpoint({
    operationId: 'login',
    summary: 'Staff, employer and admin login → {accessToken}',
    body: authLogin.request,
    response: accessTokenView,
    errors: [ErrorCode.UNAUTHENTICATED],
  })
  login(@Body() body: { username: string; password: string }, @Ctx() ctx: RequestContext) {
    return this.bus.request(authLogin, body, ctx);
  }

  @Post('wechat/login')
  @Public()
  @HttpCode(200)
  @AddressRateLimit(100)
  @Endpoint({
    operationId: 'wechatLogin',
    summary: 'Mini-program login: exchanges the code with WeChat → {accessToken, bound}',
    body: authWechatLogin.request,
    response: wechatLoginView,
    errors: [ErrorCode.UNAUTHENTICATED],
  })
  wechatLogin(@Body() body: { code: string }, @Ctx() ctx: RequestContext) {
    return this.bus.request(authWechatLogin, body, ctx);
  }

  @Post('wechat/bind')
  @Roles(Role.WECHAT_UNBOUND)
  @HttpCode(200)
  @RouteConfig({
    rateLimit: { max: 5, timeWindow: 60_000, hook: 'preHandler', keyGenerator: bindAccountKey },
  })
  @AddressRateLimit(30)
  @Endpoint({
    operationId: 'wechatBind',
    summary: 'Binds the WeChat session to the matching roster record → {accessToken, graduate}',
    body: authWechatBind.request,
    response: wechatBindView,
    errors: [ErrorCode.ROSTER_MISMATCH, ErrorCode.ALREADY_BOUND],
  })
  wechatBind(@Body() body: RequestOf<typeof authWechatBind>, @Ctx() ctx: RequestContext) {
    return this.bus.request(authWechatBind, body, ctx);
  }
}
