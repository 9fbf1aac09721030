import type { ApiError } from '@netsign/api-client';

/** A field the API named as bad (`details.fields` of VALIDATION_FAILED). */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * A failed API call as the UI shows it: the API's Chinese `message` (or a Chinese sentence for a
 * network failure), its stable code, the fields it named and, for 429, when to retry.
 */
export class ApiFailure extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, body: Partial<ApiError> | undefined) {
    super(body?.message ?? fallbackMessage(status));
    this.name = 'ApiFailure';
    this.status = status;
    this.code = body?.code ?? (status === 0 ? 'NETWORK_ERROR' : `HTTP_${status}`);
    this.details = body?.details;
  }

  /** Seconds until a rate-limited call may be retried (429's `details.retryAfterSeconds`). */
  get retryAfterSeconds(): number | null {
    const value = (this.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    return typeof value === 'number' && value > 0 ? value : null;
  }

  /** The fields a VALIDATION_FAILED answer named, with their Chinese messages. */
  get fields(): FieldProblem[] {
    const fields = (this.details as { fields?: unknown } | undefined)?.fields;
    if (!Array.isArray(fields)) return [];
    return fields.flatMap((f: unknown) => {
      const item = f as { field?: unknown; message?: unknown };
      return typeof item.field === 'string'
        ? [{ field: item.field, message: typeof item.message === 'string' ? item.message : '' }]
        : [];
    });
  }
}

function fallbackMessage(status: number): string {
  if (status === 0) return '无法连接服务器，请检查网络后重试';
  if (status >= 500) return '服务暂时不可用，请稍后重试';
  return `请求失败（${status}）`;
}

export function isApiFailure(error: unknown): error is ApiFailure {
  return error instanceof ApiFailure;
}

/** The Chinese sentence to show for any error a call produced. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiFailure) {
    const retry = error.retryAfterSeconds;
    return error.status === 429 && retry
      ? `${error.message}（请在 ${retry} 秒后重试）`
      : error.message;
  }
  return '操作失败，请稍后重试';
}
