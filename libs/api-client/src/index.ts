/**
 * The typed client of the gateway's HTTP API, for the web portal and the mini-program (browser and
 * Taro code: no Node built-ins, no Nest). `schema.d.ts` and `../openapi.json` are generated from
 * the gateway's zod schemas by `npm run api:generate`; a test fails when they are out of date.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema.js';

export type { components, operations, paths };

/** A named schema of the document, e.g. `Schema<'Agreement'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** The error body every failure carries (API.md): `{code, message, details}`, message in Chinese. */
export interface ApiError {
  code: string;
  message: string;
  details?: unknown;
}

export interface ApiClientOptions {
  /** Origin of the gateway, e.g. `https://wq.example.edu.cn` (paths already start with /api). */
  baseUrl: string;
  /** The bearer token to send, if any (read on every request). */
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** A fetch implementation (Taro's adapter, a test's); defaults to the global fetch. */
  fetch?: (input: Request) => Promise<Response>;
}

export type ApiClient = Client<paths>;

/** openapi-fetch over the generated paths, with the caller's token as `Authorization: Bearer`. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const auth: Middleware = {
    async onRequest({ request }) {
      const token = await options.getToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}
