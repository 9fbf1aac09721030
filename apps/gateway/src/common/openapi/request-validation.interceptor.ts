import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import type { z } from 'zod';
import { ENDPOINT, type EndpointSpec } from './endpoint.decorator.js';

const PARTS = ['params', 'query', 'body'] as const;

/**
 * Validates path parameters, query and JSON body with the operation's zod schemas (after the
 * guards) and hands the parsed values (coerced, defaulted, unknown keys stripped) to the handler.
 * One VALIDATION_FAILED names every bad field, a path parameter by its name.
 */
@Injectable()
export class RequestValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = this.reflector.get<EndpointSpec | undefined>(ENDPOINT, context.getHandler());
    if (spec) validateRequest(spec, context.switchToHttp().getRequest<FastifyRequest>());
    return next.handle();
  }
}

export function validateRequest(spec: EndpointSpec, request: FastifyRequest): void {
  const fields: FieldError[] = [];
  const target = request as unknown as Record<(typeof PARTS)[number], unknown>;
  for (const part of PARTS) {
    const schema = spec[part];
    if (!schema) continue;
    const input = target[part] ?? {};
    const result = schema.safeParse(input);
    if (!result.success) {
      fields.push(...result.error.issues.map(fieldError));
      continue;
    }
    // Keys no schema knows are refused, not dropped silently (a misspelt optional field).
    const unknown = part === 'params' ? [] : unknownKeys(input, result.data);
    if (unknown.length > 0) fields.push(...unknown);
    else target[part] = result.data;
  }
  if (fields.length > 0) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '请求参数不合法', { fields });
  }
}

interface FieldError {
  field: string;
  message: string;
  index?: number;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of the input that the parsed value lost: the schema (at that depth) does not know them. */
function unknownKeys(input: unknown, output: unknown, path: string[] = []): FieldError[] {
  if (Array.isArray(input) && Array.isArray(output)) {
    return input.flatMap((v, i) => unknownKeys(v, output[i], [...path, String(i)]));
  }
  if (!isObject(input) || !isObject(output)) return [];
  return Object.keys(input).flatMap((key) =>
    key in output
      ? unknownKeys(input[key], output[key], [...path, key])
      : [{ field: [...path, key].join('.'), message: `不允许的字段：${key}` }],
  );
}

/**
 * An issue as `{field, message}`: the field is the dotted path; an element of a list of plain
 * values is named by its list (`graduateIds`, with `index`), as API.md's clients expect.
 */
function fieldError(issue: z.core.$ZodIssue): FieldError {
  const path = issue.path.map(String);
  const last = issue.path[issue.path.length - 1];
  if (typeof last === 'number' && path.length > 1) {
    return { field: path.slice(0, -1).join('.'), message: issue.message, index: last };
  }
  return { field: path.join('.') || '(body)', message: issue.message };
}
