import { Body, Controller, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { employerAccountView, employerRegister, ErrorCode, type RequestContext, type RequestOf } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Public } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

@Area('employers')
@Controller('employers')
export class EmployersHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Public()
  @RouteConfig({ rateLimit: { max: 20, timeWindow: 60_000 } })
  @Endpoint({
    operationId: 'registerEmployer',
    summary: 'Employer self-registration (credit code validated: GB 32100 + GB 11714)',
    body: employerRegister.request,
    response: employerAccountView,
    errors: [ErrorCode.CONFLICT],
  })
  register(@Body() body: RequestOf<typeof employerRegister>, @Ctx() ctx: RequestContext) {
    return this.bus.request(employerRegister, body, ctx);
  }
}
