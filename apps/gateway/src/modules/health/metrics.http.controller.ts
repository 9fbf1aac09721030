import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Public } from '../../common/auth/access.decorators.js';
import { metricsRegistry } from '../../common/metrics/metrics.js';

@Controller('metrics')
export class MetricsHttpController {
  @Get()
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/plain; version=0.0.4')
  metrics(): Promise<string> {
    return metricsRegistry.metrics();
  }
}
