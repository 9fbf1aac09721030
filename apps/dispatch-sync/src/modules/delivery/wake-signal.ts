/**
 * A one-shot promise re-armed on demand: the drain loop awaits "a request finished or something
 * kicked", whichever comes first, without polling.
 */
export class WakeSignal {
  private waiter: { promise: Promise<void>; resolve: () => void } | null = null;

  next(): Promise<void> {
    if (!this.waiter) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      this.waiter = { promise, resolve };
    }
    return this.waiter.promise;
  }

  fire(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve();
  }
}
