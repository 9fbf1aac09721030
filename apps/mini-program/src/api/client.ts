import Taro from '@tarojs/taro';
import { createApiClient, type ApiError, type paths } from '@netsign/api-client';
import { installFetchClasses } from './fetch-polyfill';
import { clearToken, getToken } from './session';

if (process.env.TARO_ENV === 'weapp') installFetchClasses();

/** A failed call: the API's stable code and its Chinese message, shown where the person acted. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const LOGIN_PAGE = '/pages/login/index';

/** The session ended (401): back to 登录与绑定, once. */
let leaving = false;
export function backToLogin(): void {
  clearToken();
  if (leaving) return;
  leaving = true;
  void Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    leaving = false;
  });
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw && typeof raw === 'object') {
    for (const [k, v] of Object.entries(raw as Record<string, unknown>))
      out[k.toLowerCase()] = String(v);
  }
  return out;
}

/** openapi-fetch's fetch, carried by Taro.request (wx.request in WeChat, fetch in H5). */
async function taroFetch(request: Request): Promise<Response> {
  const header: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    header[name] = value;
  });
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const body = hasBody ? await request.text() : undefined;
  let answer: Taro.request.SuccessCallbackResult<string>;
  try {
    answer = await Taro.request<string>({
      url: request.url,
      method: request.method as keyof Taro.request.Method,
      header,
      data: body,
      dataType: 'text',
      responseType: 'text',
    });
  } catch {
    throw new ApiFailure(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  const status = answer.statusCode;
  const text = typeof answer.data === 'string' ? answer.data : JSON.stringify(answer.data ?? '');
  return new Response(status === 204 || status === 205 || status === 304 ? null : text, {
    status,
    headers: headersOf(answer.header),
  });
}

export const apiBaseUrl: string = API_BASE_URL;

export const api = createApiClient({ baseUrl: apiBaseUrl, getToken, fetch: taroFetch });

type Method = 'get' | 'post' | 'put' | 'delete' | 'patch';
type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P][M] extends undefined ? never : P;
}[keyof paths];

export interface CallInit {
  path?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

/**
 * One call through the generated client. The path must exist in the gateway's OpenAPI document
 * (a renamed route fails the build); the answer's type comes from the contracts library.
 * Errors become ApiFailure with the API's Chinese message; a 401 sends the graduate to login.
 */
async function call<T>(method: Method, url: string, init: CallInit): Promise<T> {
  type Loose = (
    m: string,
    u: string,
    i: object,
  ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
  const request = api.request as unknown as Loose;
  const { data, error, response } = await request(method.toUpperCase(), url, {
    params: { path: init.path, query: init.query },
    ...(init.body !== undefined ? { body: init.body } : {}),
  });
  if (response.ok) return data as T;
  const body = (error ?? {}) as Partial<ApiError>;
  if (response.status === 401 && url !== '/api/auth/wechat/login') backToLogin();
  throw new ApiFailure(
    response.status,
    body.code ?? `HTTP_${response.status}`,
    body.message ?? `请求失败（${response.status}）`,
    body.details,
  );
}

export const apiGet = <T>(url: PathWith<'get'>, init: CallInit = {}) => call<T>('get', url, init);
export const apiPost = <T>(url: PathWith<'post'>, init: CallInit = {}) =>
  call<T>('post', url, init);
export const apiPut = <T>(url: PathWith<'put'>, init: CallInit = {}) => call<T>('put', url, init);

export function messageOf(error: unknown): string {
  if (error instanceof ApiFailure) return error.message;
  return '操作失败，请稍后重试';
}
