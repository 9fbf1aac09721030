import { Body, Controller, Post } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { employerRegister, type RequestContext } from '@netsign/contracts';
import { BusClient } from '@netsign/messaging';
import { Public } from '../../common/auth/access.decorators.js';
import { Ctx } from '../../common/auth/request-context.js';
import { RegisterEmployerDto } from './employers.dto.js';

@ApiTags('employers')
@Controller('employers')
export class EmployersHttpController {
  constructor(private readonly bus: BusClient) {}

  @Post()
  @Public()
  @RouteConfig({ rateLimit: { max: 20, timeWindow: 60_000 } })
  @ApiOperation({
    summary: 'Employer self-registration (credit code validated: GB 32100 + GB 11714)',
  })
  register(@Body() body: RegisterEmployerDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(employerRegister, body, ctx);
  }
}
