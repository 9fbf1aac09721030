/** Minimal JSON client for arranging data through the real API before a page is driven. */
export interface ApiAnswer<T = any> {
  status: number;
  body: T;
}

export function apiUrl(): string {
  const url =
    process.env.E2E_API_URL ??
    (process.env.E2E_BASE_URL ? `${process.env.E2E_BASE_URL}/api` : undefined);
  if (!url)
    throw new Error('E2E_API_URL is not set: run the browser tests through playwright.config.ts');
  return url;
}

export async function api<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; form?: FormData } = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: RequestInit['body'];
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const res = await fetch(`${apiUrl()}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed as T };
}

/** Like api() but throws unless the status is 2xx, so arranging steps fail loudly. */
export async function apiOk<T = any>(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; form?: FormData } = {},
): Promise<T> {
  const answer = await api<T>(method, path, options);
  if (answer.status < 200 || answer.status >= 300) {
    throw new Error(`${method} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body;
}

export async function login(username: string, password: string): Promise<string> {
  const { accessToken } = await apiOk<{ accessToken: string }>('POST', '/auth/login', {
    body: { username, password },
  });
  return accessToken;
}

export async function adminToken(): Promise<string> {
  return login('admin', process.env.E2E_ADMIN_PASSWORD ?? 'admin-dev-password');
}
