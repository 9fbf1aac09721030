/**
 * Bounded queue of promises: `push` waits while `depth` are in flight. The first failure is
 * kept and rethrown (by `push` or `drain`), and every promise is awaited, so none rejects unhandled.
 */
export class Pipeline {
  private readonly inFlight: Array<Promise<void>> = [];
  private failure: { error: unknown } | null = null;

  constructor(private readonly depth: number) {}

  async push(work: Promise<unknown>): Promise<void> {
    this.inFlight.push(
      work.then(
        () => undefined,
        (error: unknown) => {
          this.failure ??= { error };
        },
      ),
    );
    while (this.inFlight.length >= this.depth) await this.inFlight.shift();
    if (this.failure) {
      await this.drain();
    }
  }

  async drain(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    if (this.failure) throw this.failure.error;
  }
}
