import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  authLogin,
  authWechatBind,
  authWechatLogin,
  Role,
  type RequestContext,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import type { FastifyRequest } from 'fastify';
import { Public, Roles } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { accountKey } from '../../common/rate-limit.js';
import { AddressRateLimit } from './address-rate-limit.guard.js';
import { LoginDto, WechatBindDto, WechatLoginDto } from './auth.dto.js';

/** Per graduate record being bound: slows guessing one student's ID number from many sessions. */
function bindAccountKey(req: FastifyRequest): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const part = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : '-');
  return `${req.routeOptions.url}:account:${part(body['schoolCode'])}:${part(body['studentNo'])}`;
}

@ApiTags('auth')
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
  @ApiOperation({ summary: 'Staff, employer and admin login → {accessToken}' })
  login(@Body() body: LoginDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(authLogin, body, ctx);
  }

  @Post('wechat/login')
  @Public()
  @HttpCode(200)
  @AddressRateLimit(100)
  @ApiOperation({
    summary: 'Mini-program login: exchanges the code with WeChat → {accessToken, bound}',
  })
  wechatLogin(@Body() body: WechatLoginDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(authWechatLogin, body, ctx);
  }

  @Post('wechat/bind')
  @Roles(Role.WECHAT_UNBOUND)
  @HttpCode(200)
  @ApiBearerAuth()
  @RouteConfig({
    rateLimit: { max: 5, timeWindow: 60_000, hook: 'preHandler', keyGenerator: bindAccountKey },
  })
  @AddressRateLimit(30)
  @ApiOperation({
    summary: 'Binds the WeChat session to the matching roster record → {accessToken, graduate}',
  })
  wechatBind(@Body() body: WechatBindDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(authWechatBind, body, ctx);
  }
}
