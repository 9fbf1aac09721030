import { createApiClient, type ApiClient, type ApiError } from '@netsign/api-client';
import { getToken, markSessionExpired, setToken } from '../auth/session-store';
import { ApiFailure } from './api-failure';

type Unauthenticated = () => void;
let onUnauthenticated: Unauthenticated = () => undefined;

/** The app decides what a lost session does (back to login, remembering the page). */
export function handleUnauthenticated(handler: Unauthenticated): void {
  onUnauthenticated = handler;
}

/**
 * A fetch that turns an answer of 401 to a call that carried a token into "signed out": the token
 * is dropped and the app is told (a wrong password at login carries no token and stays on the form).
 */
async function sessionFetch(request: Request): Promise<Response> {
  const response = await fetch(request);
  if (response.status === 401 && request.headers.has('Authorization')) {
    markSessionExpired();
    setToken(null);
    onUnauthenticated();
  }
  return response;
}

/** The one API client of the portal (same origin: the gateway serves the portal and /api). */
export const api: ApiClient = createApiClient({
  baseUrl: typeof window === 'undefined' ? 'http://localhost' : window.location.origin,
  getToken,
  fetch: sessionFetch,
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * openapi-fetch's `{data, error, response}` → the data, or an ApiFailure carrying the API's
 * `{code, message, details}`; a network failure becomes an ApiFailure with status 0.
 */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch {
    throw new ApiFailure(0, undefined);
  }
  if (!result.response.ok)
    throw new ApiFailure(result.response.status, result.error as Partial<ApiError> | undefined);
  return result.data as T;
}
