import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import { zodIssuesToDetails } from '@netsign/messaging';
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
  const issues: z.core.$ZodIssue[] = [];
  const target = request as unknown as Record<(typeof PARTS)[number], unknown>;
  for (const part of PARTS) {
    const schema = spec[part];
    if (!schema) continue;
    const result = schema.safeParse(target[part] ?? {});
    if (result.success) target[part] = result.data;
    else issues.push(...result.error.issues);
  }
  if (issues.length > 0) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '请求参数不合法', zodIssuesToDetails(issues));
  }
}
