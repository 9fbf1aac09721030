import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from '@netsign/contracts';
import type { z } from 'zod';

export const ENDPOINT = 'netsign:endpoint';
export const AREA = 'netsign:area';

/** A success answer that is a file, not JSON. */
export interface FileAnswer {
  file: Array<'application/pdf' | 'image/jpeg' | 'image/png' | 'text/plain'>;
  description: string;
}

/** A success answer with no body (204): `noContent` describes what happened. */
export interface NoContentAnswer {
  noContent: string;
}

/** A multipart upload: the handler reads the parts itself; `fields` documents them. */
export interface UploadSpec {
  fields: z.ZodObject;
  /** Some uploads also accept the same data as JSON (roster). */
  json?: z.ZodType;
}

/**
 * One HTTP operation, defined once: the zod schemas that validate its path parameters, query and
 * JSON body (RequestValidationInterceptor), and what it answers. The OpenAPI document is built from
 * these (openapi/document.ts), so what is documented is what is enforced.
 */
export interface EndpointSpec {
  /** camelCase, unique: the generated client's function name. */
  operationId: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** An example body (Chinese text where people write it), shown in the document. */
  example?: unknown;
  upload?: UploadSpec;
  /** The success answer (status: @HttpCode, else 201 for POST and 200 otherwise). */
  response: z.ZodType | FileAnswer | NoContentAnswer;
  /** Other success answers, e.g. 202 while a PDF renders. */
  alsoAnswers?: Record<number, { description: string; schema: z.ZodType }>;
  /** Codes the operation may answer besides the ones every operation may (401/403/400/429/503). */
  errors?: ErrorCode[];
}

/** Declares an operation's request schemas and answers (validated and documented). */
export const Endpoint = (spec: EndpointSpec) => SetMetadata(ENDPOINT, spec);

/** The OpenAPI tag of a controller's operations (one per area). */
export const Area = (tag: string) => SetMetadata(AREA, tag);

export function isFileAnswer(response: EndpointSpec['response']): response is FileAnswer {
  return Array.isArray((response as FileAnswer).file);
}

export function isNoContentAnswer(response: EndpointSpec['response']): response is NoContentAnswer {
  return typeof (response as NoContentAnswer).noContent === 'string';
}
