import { describe, expect, it } from '@jest/globals';
import {
  classifyStatus,
  decide,
  parseRetryAfter,
  retryDelayMs,
  type RetryPolicy,
} from '../src/modules/delivery/retry-policy.js';

const policy: RetryPolicy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

describe('delivery retry policy', () => {
  it('classifies answers as API.md says', () => {
    for (const s of [200, 201, 202, 204]) expect(classifyStatus(s)).toBe('accepted');
    for (const s of [408, 429, 500, 502, 503, 504]) expect(classifyStatus(s)).toBe('retryable');
    for (const s of [301, 400, 401, 403, 404, 409, 413, 422])
      expect(classifyStatus(s)).toBe('rejected');
  });

  it('backs off exponentially with jitter in the upper half of each step, capped', () => {
    expect(retryDelayMs(policy, 1, 0, () => 0)).toBe(500);
    expect(retryDelayMs(policy, 1, 0, () => 1)).toBe(1000);
    expect(retryDelayMs(policy, 4, 0, () => 0)).toBe(4000);
    expect(retryDelayMs(policy, 4, 0, () => 1)).toBe(8000);
    expect(retryDelayMs(policy, 30, 0, () => 1)).toBe(60_000);
    expect(retryDelayMs(policy, 1000, 0, () => 0.5)).toBe(45_000);
  });

  it('honours Retry-After within the cap', () => {
    expect(retryDelayMs(policy, 1, 20_000, () => 0)).toBe(20_000);
    expect(retryDelayMs(policy, 1, 600_000, () => 0)).toBe(60_000);
    expect(parseRetryAfter('7')).toBe(7000);
    expect(parseRetryAfter(new Date(10_000 + 3000).toUTCString(), 10_000)).toBe(3000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });

  it('decides delivered, retry, or dead', () => {
    expect(decide({ result: 'accepted', status: 201, response: {} }, 1, policy)).toEqual({
      status: 'DELIVERED',
    });
    expect(
      decide({ result: 'rejected', status: 422, response: {}, error: 'x' }, 1, policy),
    ).toEqual({ status: 'DEAD' });
    expect(decide({ result: 'retryable', error: 'x' }, 4, policy, () => 0)).toEqual({
      status: 'PENDING',
      delayMs: 4000,
    });
    expect(decide({ result: 'retryable', error: 'x' }, 5, policy)).toEqual({ status: 'DEAD' });
  });
});
