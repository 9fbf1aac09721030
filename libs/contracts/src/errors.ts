/**
 * Stable error codes of the public contract (API.md). Services raise ServiceError with one of
 * these; the gateway maps the code to its HTTP status in one place.
 */
export const ErrorCode = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ALREADY_BOUND: 'ALREADY_BOUND',
  ROSTER_MISMATCH: 'ROSTER_MISMATCH',
  SOURCE_INFO_NOT_CONFIRMED: 'SOURCE_INFO_NOT_CONFIRMED',
  GRADUATE_NOT_AVAILABLE: 'GRADUATE_NOT_AVAILABLE',
  INVALID_STATE: 'INVALID_STATE',
  CONFLICT: 'CONFLICT',
  QR_CARD_EXPIRED: 'QR_CARD_EXPIRED',
  NOT_PRINTABLE: 'NOT_PRINTABLE',
  VERIFICATION_INVALID: 'VERIFICATION_INVALID',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_FILE_TYPE: 'UNSUPPORTED_FILE_TYPE',
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ALREADY_BOUND: 409,
  ROSTER_MISMATCH: 422,
  SOURCE_INFO_NOT_CONFIRMED: 409,
  GRADUATE_NOT_AVAILABLE: 409,
  INVALID_STATE: 409,
  CONFLICT: 409,
  QR_CARD_EXPIRED: 410,
  NOT_PRINTABLE: 409,
  VERIFICATION_INVALID: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_FILE_TYPE: 415,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 503,
  INTERNAL_ERROR: 500,
};

/** What users read: Chinese, one default per code; a service may give a more precise one. */
export const DEFAULT_ERROR_MESSAGE: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '请求参数不合法',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '无权执行此操作',
  NOT_FOUND: '资源不存在',
  ALREADY_BOUND: '该毕业生已绑定其他微信账号',
  ROSTER_MISMATCH: '信息与学校生源信息不一致',
  SOURCE_INFO_NOT_CONFIRMED: '毕业生尚未确认生源信息',
  GRADUATE_NOT_AVAILABLE: '该毕业生已有有效协议或已登记就业，暂不能签约',
  INVALID_STATE: '当前状态不允许此操作',
  CONFLICT: '数据已存在',
  QR_CARD_EXPIRED: '二维码名片已过期，请毕业生重新生成',
  NOT_PRINTABLE: '协议书尚未审核通过，不能打印',
  VERIFICATION_INVALID: '防伪码无效，该协议书副本不能验证为真',
  PAYLOAD_TOO_LARGE: '文件过大',
  UNSUPPORTED_FILE_TYPE: '不支持的文件类型，仅支持 PDF、JPEG、PNG',
  RATE_LIMITED: '请求过于频繁，请稍后再试',
  UPSTREAM_UNAVAILABLE: '服务暂时不可用，请稍后再试',
  INTERNAL_ERROR: '服务器内部错误',
};

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof code === 'string' && code in ERROR_HTTP_STATUS && typeof message === 'string';
}

/** The one error type services throw for an expected failure; travels over NATS as ErrorBody. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? DEFAULT_ERROR_MESSAGE[code]);
    this.name = 'ServiceError';
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromBody(body: ErrorBody): ServiceError {
    return new ServiceError(body.code, body.message, body.details);
  }
}
