import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The load's HTTP client: every call goes through one of the gateways (in turn) and is retried
 * while the system answers "not now" (no connection, 502/503/504, 429, a timeout), as a phone or
 * a portal would retry, until `deadlineMs`. Any other answer is returned as it is.
 */
export interface Answer {
  status: number;
  body: any;
  /** True when an earlier attempt of this call may have reached the system (its answer was lost). */
  ambiguous: boolean;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  form?: () => FormData;
  /** The client's address as the gateway sees it (X-Forwarded-For; TRUST_PROXY=true). */
  clientAddress?: string;
  deadlineMs?: number;
  raw?: boolean;
}

const RETRYABLE = new Set([408, 429, 502, 503, 504]);

export class GatewayClient {
  private next = 0;
  calls = 0;
  retries = 0;
  /** Answers 500 (INTERNAL_ERROR), by route: the system promises never to give one. */
  readonly internalErrors = new Map<string, number>();
  constructor(
    private readonly bases: string[],
    private readonly stopped: () => boolean = () => false,
  ) {}

  base(): string {
    return this.bases[this.next++ % this.bases.length]!;
  }

  async call(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
    if (this.stopped()) throw new Error('the load is over');
    const deadline = Date.now() + (options.deadlineMs ?? 120_000);
    let ambiguous = false;
    for (let attempt = 0; ; attempt++) {
      this.calls++;
      try {
        const res = await fetch(`${this.base()}${path}`, {
          method,
          headers: {
            ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
            ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
          },
          body: options.form
            ? options.form()
            : options.body === undefined
              ? undefined
              : JSON.stringify(options.body),
          signal: AbortSignal.timeout(20_000),
        });
        if (res.status === 500) {
          const route = `${method} ${path.replace(/[0-9a-f-]{36}|[A-Za-z0-9_-]{40,}|\?.*$/g, ':x')}`;
          this.internalErrors.set(route, (this.internalErrors.get(route) ?? 0) + 1);
        }
        if (!RETRYABLE.has(res.status) || Date.now() > deadline || this.stopped()) {
          const body =
            options.raw && res.status === 200
              ? Buffer.from(await res.arrayBuffer())
              : await readJson(res);
          return { status: res.status, body, ambiguous };
        }
        await res.arrayBuffer().catch(() => undefined);
        // 502/504 and timeouts may have reached a service; 503 UPSTREAM_UNAVAILABLE and 429 did not.
        if (res.status !== 503 && res.status !== 429) ambiguous = true;
      } catch (err) {
        // No connection (a gateway being restarted) never reached anything; a reset or timeout may have.
        if (!isRefused(err)) ambiguous = true;
        if (Date.now() > deadline || this.stopped())
          return { status: 0, body: { code: 'NO_ANSWER', message: String(err) }, ambiguous };
      }
      this.retries++;
      await sleep(Math.min(2000, 100 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2));
    }
  }
}

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return text;
  }
}

function isRefused(err: unknown): boolean {
  const cause = (err as { cause?: { code?: string } }).cause;
  return cause?.code === 'ECONNREFUSED';
}
