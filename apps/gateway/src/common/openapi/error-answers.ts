import { DEFAULT_ERROR_MESSAGE, ERROR_HTTP_STATUS, ErrorCode } from '@netsign/contracts';
import { z } from 'zod';
import type { GatewayRoute } from './routes.js';

/** Codes every operation of its kind may answer, besides the ones its spec names. */
function commonCodes(route: GatewayRoute): ErrorCode[] {
  const spec = route.spec;
  const hasInput = Boolean(spec?.params || spec?.query || spec?.body || spec?.upload);
  return [
    ...(hasInput ? [ErrorCode.VALIDATION_FAILED] : []),
    ...(route.isPublic ? [] : [ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN]),
    ...(spec?.upload ? [ErrorCode.PAYLOAD_TOO_LARGE, ErrorCode.UNSUPPORTED_FILE_TYPE] : []),
    ErrorCode.RATE_LIMITED,
    ErrorCode.UPSTREAM_UNAVAILABLE,
  ];
}

function errorSchema(codes: ErrorCode[]) {
  const first = codes[0]!;
  return z
    .object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string().meta({ description: '中文说明，可直接展示给用户' }),
      details: z.unknown().optional().meta({ description: 'VALIDATION_FAILED: {fields: [{field, message}]}' }),
    })
    .meta({ example: { code: first, message: DEFAULT_ERROR_MESSAGE[first] } });
}

/** `{code, message, details}` per HTTP status, each naming the codes it may carry. */
export function errorAnswers(route: GatewayRoute) {
  const codes = [...new Set([...commonCodes(route), ...(route.spec?.errors ?? [])])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ERROR_HTTP_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.join(' | '),
        content: { 'application/json': { schema: errorSchema(list) } },
      },
    ]),
  );
}
