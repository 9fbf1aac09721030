import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { BusModule } from './bus/bus.module.js';
import { AuthGuard } from './common/auth/auth.guard.js';
import { RevokedSessions } from './common/auth/revoked-sessions.js';
import { TokenKeys } from './common/auth/token-keys.js';
import { HttpErrorFilter } from './common/errors/http-error.filter.js';
import { RequestValidationInterceptor } from './common/openapi/request-validation.interceptor.js';
import { RosterMismatchLimit } from './modules/auth/roster-mismatch-limit.js';
import type { GatewayEnv } from './gateway.env.js';
import { GATEWAY_CONTROLLERS } from './gateway.controllers.js';
import { GATEWAY_ENV } from './gateway.tokens.js';

export { GATEWAY_ENV };

/**
 * HTTP edge only: no database. The global per-address rate limit runs as a Fastify hook before
 * any guard; route limits (`@RateLimited`) run as guards after the auth guard.
 */
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
        RosterMismatchLimit,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: RequestValidationInterceptor },
      ],
      exports: [GATEWAY_ENV],
    };
  }
}
