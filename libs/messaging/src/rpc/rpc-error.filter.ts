import { Catch, Logger, type RpcExceptionFilter } from '@nestjs/common';
import { ErrorCode, ServiceError, DEFAULT_ERROR_MESSAGE, type ErrorBody } from '@netsign/contracts';
import { throwError, type Observable } from 'rxjs';
import { currentRequestContext } from '../request-context.js';
import { isUnavailableError } from './unavailable.js';

/**
 * Every error leaving a service travels as `{code, message, details}`. Expected failures are
 * ServiceErrors; a server this service needs being away (Postgres restarting…) is
 * UPSTREAM_UNAVAILABLE (503, retried by clients); anything else is logged here and reported as
 * INTERNAL_ERROR without internals.
 */
@Catch()
export class RpcErrorFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcErrorFilter');

  catch(exception: unknown): Observable<ErrorBody> {
    if (exception instanceof ServiceError) return throwError(() => exception.toBody());
    if (isUnavailableError(exception)) {
      this.logger.warn(
        {
          err: { message: (exception as Error).message },
          correlationId: currentRequestContext()?.correlationId,
        },
        'a server this service needs is unavailable',
      );
      return throwError(() => ({
        code: ErrorCode.UPSTREAM_UNAVAILABLE,
        message: DEFAULT_ERROR_MESSAGE.UPSTREAM_UNAVAILABLE,
      }));
    }
    this.logger.error(
      { err: exception, correlationId: currentRequestContext()?.correlationId },
      'unexpected error in request handler',
    );
    return throwError(() => ({
      code: ErrorCode.INTERNAL_ERROR,
      message: DEFAULT_ERROR_MESSAGE.INTERNAL_ERROR,
    }));
  }
}
