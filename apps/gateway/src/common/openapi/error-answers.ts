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

const pascal = (code: string) =>
  code
    .toLowerCase()
    .split('_')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** One component per code (e.g. `InvalidStateError`): `{code, message, details?}`. */
const ERROR_SCHEMAS = new Map(
  Object.values(ErrorCode).map((code) => [
    code,
    z
      .object({
        code: z.literal(code),
        message: z.string().meta({ description: '中文说明，可直接展示给用户' }),
        details: z
          .unknown()
          .optional()
          .meta({ description: 'VALIDATION_FAILED: {fields: [{field, message}]}' }),
      })
      .meta({
        id: `${pascal(code)}Error`,
        example: { code, message: DEFAULT_ERROR_MESSAGE[code] },
      }),
  ]),
);

function errorSchema(codes: ErrorCode[]): z.ZodType {
  const schemas = codes.map((code) => ERROR_SCHEMAS.get(code)!);
  return schemas.length === 1 ? schemas[0]! : z.union(schemas);
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
