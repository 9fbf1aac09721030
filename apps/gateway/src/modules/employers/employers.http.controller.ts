import { Body, Controller, Post } from '@nestjs/common';
import { MINUTE, RateLimited } from '../../common/rate-limit.guard.js';
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
  @RateLimited({ setting: 'EMPLOYER_REGISTRATION_LIMIT_PER_ADDRESS', per: 'address', windowMs: MINUTE })
  @ApiOperation({
    summary: 'Employer self-registration (credit code validated: GB 32100 + GB 11714)',
  })
  register(@Body() body: RegisterEmployerDto, @Ctx() ctx: RequestContext) {
    return this.bus.request(employerRegister, body, ctx);
  }
}
