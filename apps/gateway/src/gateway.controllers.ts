import type { Type } from '@nestjs/common';
import { HealthHttpController } from './modules/health/health.http.controller.js';
import { MetricsHttpController } from './modules/health/metrics.http.controller.js';
import { OpsHttpController } from './modules/ops/ops.http.controller.js';

/**
 * Every HTTP controller of the gateway. A test walks this list and fails on any route that is
 * neither @Public nor @Roles.
 */
export const GATEWAY_CONTROLLERS: Type<unknown>[] = [
  HealthHttpController,
  MetricsHttpController,
  OpsHttpController,
];
