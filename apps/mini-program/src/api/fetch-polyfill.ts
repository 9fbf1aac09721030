/**
 * The WeChat runtime has no fetch classes. openapi-fetch (under @netsign/api-client) builds a
 * `Request`, checks `instanceof FormData` and reads a `Response`: these minimal classes cover
 * exactly that. In H5 the browser's own classes are used and nothing here is installed.
 */
type HeaderInit = Record<string, string> | Array<[string, string]> | MiniHeaders | undefined;

class MiniHeaders {
  private readonly map = new Map<string, string>();
  constructor(init?: HeaderInit) {
    if (!init) return;
    if (init instanceof MiniHeaders) init.forEach((v, k) => this.set(k, v));
    else if (Array.isArray(init)) init.forEach(([k, v]) => this.set(k, v));
    else Object.keys(init).forEach((k) => this.set(k, init[k]!));
  }
  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null;
  }
  set(name: string, value: string): void {
    this.map.set(name.toLowerCase(), String(value));
  }
  append(name: string, value: string): void {
    const old = this.get(name);
    this.set(name, old ? `${old}, ${value}` : value);
  }
  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.map.delete(name.toLowerCase());
  }
  forEach(fn: (value: string, name: string) => void): void {
    this.map.forEach((v, k) => fn(v, k));
  }
}

interface MiniRequestInit {
  method?: string;
  headers?: HeaderInit;
  body?: unknown;
}

class MiniRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: MiniHeaders;
  readonly body: unknown;
  constructor(url: string, init: MiniRequestInit = {}) {
    this.url = url;
    this.method = (init.method ?? 'GET').toUpperCase();
    this.headers = new MiniHeaders(init.headers);
    this.body = init.body ?? null;
  }
  async text(): Promise<string> {
    return typeof this.body === 'string'
      ? this.body
      : this.body == null
        ? ''
        : JSON.stringify(this.body);
  }
  clone(): MiniRequest {
    return new MiniRequest(this.url, {
      method: this.method,
      headers: this.headers,
      body: this.body,
    });
  }
}

class MiniResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: MiniHeaders;
  private readonly raw: string;
  constructor(body: string | null, init: { status?: number; headers?: HeaderInit } = {}) {
    this.raw = body ?? '';
    this.status = init.status ?? 200;
    this.ok = this.status >= 200 && this.status < 300;
    this.headers = new MiniHeaders(init.headers);
  }
  async text(): Promise<string> {
    return this.raw;
  }
  async json(): Promise<unknown> {
    return JSON.parse(this.raw);
  }
  clone(): MiniResponse {
    return new MiniResponse(this.raw, { status: this.status, headers: this.headers });
  }
}

class MiniFormData {}

export function installFetchClasses(): void {
  const scope = (typeof globalThis !== 'undefined' ? globalThis : {}) as Record<string, unknown>;
  scope.Headers ??= MiniHeaders;
  scope.Request ??= MiniRequest;
  scope.Response ??= MiniResponse;
  scope.FormData ??= MiniFormData;
}
