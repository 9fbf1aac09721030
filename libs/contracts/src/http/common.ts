import { z } from 'zod';
import type { RequestContract } from '../request.js';

/*
 * The HTTP edge's schemas: path parameters, queries and bodies composed from the request
 * contracts, and the answers as the gateway sends them. The gateway validates requests with these
 * and builds its OpenAPI document from them (`.meta({id})` names a component of the document).
 */

/** The object schema of a request contract, to pick its path parameters or omit them from a body. */
export function requestObject(contract: RequestContract<unknown, unknown>): z.ZodObject {
  const schema: unknown = contract.request;
  if (!(schema instanceof z.ZodObject))
    throw new Error(`${contract.subject}: its request schema is not a plain object`);
  return schema;
}

/** `?page=&pageSize=` with a default and a largest page size. */
export function pageQuery(defaultSize: number, maxSize: number) {
  return {
    page: z.coerce.number().int().min(1).default(1).meta({ description: '页码，从 1 开始' }),
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(maxSize)
      .default(defaultSize)
      .meta({ description: '每页条数' }),
  };
}
/** Most lists: 20 a page by default, at most 100. */
export const PAGE_QUERY = pageQuery(20, 100);
/** The school's long lists (roster, staff): 50 a page by default, at most 200. */
export const LONG_PAGE_QUERY = pageQuery(50, 200);

/** `true` or `false` in a query string. */
export const queryBoolean = z.enum(['true', 'false']).transform((v) => v === 'true');

/** Path parameters that are ids (uuid): a bad one answers VALIDATION_FAILED naming the parameter. */
export function uuidParams<const K extends string>(...names: K[]) {
  return z.object(Object.fromEntries(names.map((n) => [n, z.uuid()])) as Record<K, z.ZodUUID>);
}

/** Path parameters that are plain codes (school code, graduate id as the roster knows it). */
export function codeParams<const K extends string>(...names: K[]) {
  return z.object(
    Object.fromEntries(names.map((n) => [n, z.string().min(1).max(64)])) as Record<K, z.ZodString>,
  );
}

/** `{items, total}`: a page of a list. */
export function paged<T extends z.ZodType>(item: T, id: string) {
  return z.object({ items: z.array(item), total: z.number().int().min(0) }).meta({ id });
}

/** `{items, total, page, pageSize}`: identity's pages also echo the page asked for. */
export function pagedWithPage<T extends z.ZodType>(item: T, id: string) {
  return z
    .object({
      items: z.array(item),
      total: z.number().int().min(0),
      page: z.number().int(),
      pageSize: z.number().int(),
    })
    .meta({ id });
}

export const isoDateTime = z
  .string()
  .meta({ format: 'date-time', example: '2026-06-01T08:00:00.000Z' });
