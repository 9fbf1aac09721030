import { describe, expect, it } from '@jest/globals';
import { TimeoutError } from '@nats-io/transport-node';
import { retryUnanswered } from '../src/jetstream/retry-unanswered.js';

/** A JetStream set-up step left unanswered while cluster leaders move is tried again, a few times. */
describe('retryUnanswered', () => {
  const failing = (failures: unknown[]) => {
    let calls = 0;
    const step = async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'answered';
    };
    return { step, calls: () => calls };
  };

  it('tries again after unanswered requests and returns the answer', async () => {
    const s = failing([new TimeoutError(), new TimeoutError()]);
    await expect(retryUnanswered(s.step)).resolves.toBe('answered');
    expect(s.calls()).toBe(3);
  });

  it('throws any other error at once', async () => {
    const s = failing([new Error('stream name already in use')]);
    await expect(retryUnanswered(s.step)).rejects.toThrow('already in use');
    expect(s.calls()).toBe(1);
  });

  it('gives up after the last attempt', async () => {
    const s = failing([new TimeoutError(), new TimeoutError(), new TimeoutError()]);
    await expect(retryUnanswered(s.step, 3)).rejects.toBeInstanceOf(TimeoutError);
    expect(s.calls()).toBe(3);
  });
});
