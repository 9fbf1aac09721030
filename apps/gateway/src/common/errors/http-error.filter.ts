import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import {
  DEFAULT_ERROR_MESSAGE,
  ERROR_HTTP_STATUS,
  ErrorCode,
  isErrorBody,
  ServiceError,
  type ErrorBody,
} from '@netsign/contracts';
import { isUnavailableError } from '@netsign/messaging/client';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** HTTP statuses Nest or Fastify raise themselves, mapped onto the contract's codes. */
const CODE_FOR_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.VALIDATION_FAILED,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  405: ErrorCode.NOT_FOUND,
  406: ErrorCode.UNSUPPORTED_FILE_TYPE,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_FILE_TYPE,
  429: ErrorCode.RATE_LIMITED,
  503: ErrorCode.UPSTREAM_UNAVAILABLE,
};

/**
 * The one place where errors become HTTP: every error body is `{code, message, details}` with
 * the status API.md gives the code (`details` is `{}` when there is nothing to add). Unknown
 * errors are logged and answered 500 without internals; a client's mistake is never logged as an
 * error.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    sendError(reply, request, exception, this.logger);
  }
}

/**
 * The filter's answer. Errors raised in Fastify hooks before Nest routes (body parsing, rate limit)
 * arrive here too: Nest's Fastify error handler hands them to this filter.
 */
export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  exception: unknown,
  logger: Logger,
): void {
  const body = toErrorBody(exception, request);
  if (body.code === ErrorCode.INTERNAL_ERROR) {
    logger.error({ err: exception, correlationId: request.id }, 'unhandled error');
  }
  void reply.status(ERROR_HTTP_STATUS[body.code]).send({ ...body, details: body.details ?? {} });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path parameter a Nest pipe refused (`ParseUUIDPipe`, `ParseEnumPipe`: "Validation failed
 * (uuid is expected)") names no parameter; the route's parameters do. For a UUID, the ones that
 * are not UUIDs; otherwise every parameter of the route.
 */
function pathParameterFields(exception: HttpException, request: FastifyRequest | undefined) {
  const message = exception.message;
  const params = Object.entries((request?.params ?? {}) as Record<string, unknown>);
  if (!message.startsWith('Validation failed (') || params.length === 0) return undefined;
  const expected = /\(([a-z ]+) is expected\)/.exec(message)?.[1] ?? 'valid value';
  const suspects = expected.startsWith('uuid')
    ? params.filter(([, v]) => typeof v !== 'string' || !UUID.test(v))
    : params;
  return {
    fields: (suspects.length > 0 ? suspects : params).map(([field]) => ({
      field,
      message: expected.startsWith('uuid') ? '须为 UUID' : '取值不合法',
    })),
  };
}

export function toErrorBody(exception: unknown, request?: FastifyRequest): ErrorBody {
  if (exception instanceof ServiceError) return exception.toBody();
  if (isErrorBody(exception)) {
    // e.g. the rate limiter's answer: keep its details (retryAfterSeconds).
    const { details } = exception as ErrorBody;
    return {
      code: exception.code,
      message: exception.message,
      ...(details !== undefined ? { details } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const code = CODE_FOR_STATUS[exception.getStatus()];
    if (code) {
      const message = code === ErrorCode.NOT_FOUND ? '接口不存在' : DEFAULT_ERROR_MESSAGE[code];
      const details =
        code === ErrorCode.VALIDATION_FAILED ? pathParameterFields(exception, request) : undefined;
      return { code, message, details: details ?? {} };
    }
  }
  // Fastify's own errors (bad JSON, body too large, bad content type) carry a statusCode.
  const status = (exception as { statusCode?: number })?.statusCode;
  if (typeof status === 'number' && CODE_FOR_STATUS[status]) {
    const code = CODE_FOR_STATUS[status]!;
    return code === ErrorCode.VALIDATION_FAILED
      ? { code, message: '请求体格式错误', details: { reason: (exception as Error).message } }
      : { code, message: DEFAULT_ERROR_MESSAGE[code], details: {} };
  }
  // Any other 4xx is still the client's mistake (e.g. a Fastify parser error with a status the
  // contract has no code for): never a 500.
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      code: ErrorCode.VALIDATION_FAILED,
      message: '请求格式错误',
      details: { reason: (exception as Error).message },
    };
  }
  // Redis (rate limits, sessions) away for a moment: a retryable 503, not a 500.
  if (isUnavailableError(exception)) {
    return {
      code: ErrorCode.UPSTREAM_UNAVAILABLE,
      message: DEFAULT_ERROR_MESSAGE.UPSTREAM_UNAVAILABLE,
      details: {},
    };
  }
  return {
    code: ErrorCode.INTERNAL_ERROR,
    message: DEFAULT_ERROR_MESSAGE.INTERNAL_ERROR,
    details: {},
  };
}
