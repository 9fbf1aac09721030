import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BusModule } from './bus/bus.module.js';
import { AuthGuard } from './common/auth/auth.guard.js';
import { RevokedSessions } from './common/auth/revoked-sessions.js';
import { TokenKeys } from './common/auth/token-keys.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { RequestValidationInterceptor } from './common/openapi/request-validation.interceptor.js';
import type { GatewayEnv } from './gateway.env.js';
import { GATEWAY_CONTROLLERS } from './gateway.controllers.js';
import { GATEWAY_ENV } from './gateway.tokens.js';

export { GATEWAY_ENV };

/** HTTP edge only: no database. Rate limits run as a Fastify hook before any guard. */
@Module({})
export class GatewayModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: GatewayModule,
      imports: [BusModule.forRoot(env)],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: GATEWAY_ENV, useValue: env },
        RevokedSessions,
        TokenKeys,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestValidationInterceptor },
      ],
      exports: [GATEWAY_ENV],
    };
  }
}
