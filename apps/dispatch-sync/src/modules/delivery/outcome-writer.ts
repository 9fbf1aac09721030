import type { AttemptOutcome, DeliveryClaims } from './delivery-claims.repository.js';

/**
 * Group commit for attempt outcomes: the first outcome is written at once; those that finish
 * while it is being written go together in the next statement. Latency stays one round trip when
 * idle, and under load one commit serves many records.
 */
export class OutcomeWriter {
  private queue: Array<{
    outcome: AttemptOutcome;
    resolve: () => void;
    reject: (err: unknown) => void;
  }> = [];
  private running: Promise<void> | null = null;

  constructor(
    private readonly claims: DeliveryClaims,
    private readonly maxBatch = 512,
  ) {}

  write(outcome: AttemptOutcome): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ outcome, resolve, reject });
      this.running ??= this.run();
    });
  }

  private async run(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          await this.claims.complete(batch.map((b) => b.outcome));
          for (const b of batch) b.resolve();
        } catch (err) {
          for (const b of batch) b.reject(err);
        }
      }
    } finally {
      this.running = null;
    }
  }
}
