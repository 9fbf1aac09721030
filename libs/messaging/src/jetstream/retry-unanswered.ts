import { TimeoutError } from '@nats-io/transport-node';

/**
 * Runs an idempotent JetStream set-up step again when its API request goes unanswered (a
 * TimeoutError): in a cluster, requests are dropped while stream and consumer leaders move — a node
 * died, a stream was just scaled to more replicas — and a booting service should wait that out
 * rather than exit. Any other error is thrown at once; so is the last timeout.
 */
export async function retryUnanswered<T>(step: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (err) {
      if (!(err instanceof TimeoutError) || attempt >= attempts) throw err;
    }
  }
}
