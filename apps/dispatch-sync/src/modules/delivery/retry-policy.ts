/** Pure rules of delivery: how an answer is classified and when the next attempt is due. */

export interface RetryPolicy {
  /** Attempts (claims) after which a record that still gets retryable answers goes DEAD. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** What one attempt came to, before the policy decides the record's next state. */
export type AttemptResult =
  | { result: 'accepted'; status: number; response: unknown }
  | {
      result: 'retryable';
      error: string;
      status?: number;
      response?: unknown;
      retryAfterMs?: number;
    }
  | { result: 'rejected'; error: string; status: number; response: unknown };

export type Decision =
  { status: 'DELIVERED' } | { status: 'PENDING'; delayMs: number } | { status: 'DEAD' };

/** API.md: 2xx accepted; 408, 429, 5xx retried; any other answer is final. */
export function classifyStatus(status: number): 'accepted' | 'retryable' | 'rejected' {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 408 || status === 429 || status >= 500) return 'retryable';
  return 'rejected';
}

/**
 * Exponential backoff with "equal jitter": half the step is kept so retries never bunch at zero,
 * half is random so many records failing together do not come back together. A Retry-After from
 * the province is honoured, within maxDelayMs.
 */
export function retryDelayMs(
  policy: RetryPolicy,
  attempts: number,
  retryAfterMs = 0,
  random = Math.random,
): number {
  const step = Math.min(
    policy.maxDelayMs,
    policy.baseDelayMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30),
  );
  const jittered = step / 2 + random() * (step / 2);
  return Math.round(Math.min(policy.maxDelayMs, Math.max(jittered, retryAfterMs)));
}

export function decide(
  result: AttemptResult,
  attempts: number,
  policy: RetryPolicy,
  random = Math.random,
): Decision {
  if (result.result === 'accepted') return { status: 'DELIVERED' };
  if (result.result === 'rejected' || attempts >= policy.maxAttempts) return { status: 'DEAD' };
  return {
    status: 'PENDING',
    delayMs: retryDelayMs(policy, attempts, result.retryAfterMs, random),
  };
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
