/**
 * The capacity model of the demo app: a fixed number of slots, a bounded
 * FIFO of waiting requests, and a service time per request. When requests
 * arrive faster than `concurrency / serviceTime`, the queue grows and the
 * latency with it; when the queue is full, new requests are rejected.
 */

/** Options of {@link Capacity}. */
export interface CapacityOptions {
  /** Requests served at once. */
  readonly concurrency: number;
  /** Waiting requests allowed beyond the served ones. */
  readonly queueLimit: number;
}

/** A slot held by one request; call `release` exactly once. */
export interface Slot {
  release(): void;
}

/** Concurrency limiter with a bounded wait queue. */
export class Capacity {
  private inFlight = 0;
  private readonly waiting: Array<(slot: Slot) => void> = [];

  constructor(private readonly options: CapacityOptions) {}

  /** Requests being served now. */
  get active(): number {
    return this.inFlight;
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /**
   * Waits for a slot. Resolves `undefined` at once when the queue is full
   * (the caller answers 503).
   */
  acquire(): Promise<Slot | undefined> {
    if (this.inFlight < this.options.concurrency) {
      this.inFlight++;
      return Promise.resolve(this.slot());
    }
    if (this.waiting.length >= this.options.queueLimit) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private slot(): Slot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiting.shift();
        // Hand the slot straight to the next waiter: inFlight stays the same.
        if (next) next(this.slot());
        else this.inFlight--;
      },
    };
  }
}
