import { Body, Controller, Post } from '@nestjs/common';
import {
  employerAccountView,
  employerRegister,
  ErrorCode,
  REQUEST_EXAMPLES,
  type RequestContext,
  type RequestOf,
} from '@netsign/contracts';
import { BusClient } from '@netsign/messaging/client';
import { Public } from '../../common/auth/access.decorators.js';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
import { Ctx } from '../../common/auth/request-context.js';
import { Area, Endpoint } from '../../common/openapi/endpoint.decorator.js';

@Area('employers')
@Controller('employers')
export class EmployersHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Public()
  @RateLimited({
    setting: 'EMPLOYER_REGISTRATION_LIMIT_PER_ADDRESS',
    per: 'address',
    windowMs: MINUTE,
  })
  @Endpoint({
    operationId: 'registerEmployer',
    summary: 'Employer self-registration (credit code validated: GB 32100 + GB 11714)',
    body: employerRegister.request,
    example: REQUEST_EXAMPLES.registerEmployer,
    response: employerAccountView,
    errors: [ErrorCode.CONFLICT],
  })
  register(@Body() body: RequestOf<typeof employerRegister>, @Ctx() ctx: RequestContext) {
    return this.bus.request(employerRegister, body, ctx);
  }
}
