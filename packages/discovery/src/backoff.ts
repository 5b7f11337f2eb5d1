/** Options of {@link Backoff}. */
export interface BackoffOptions {
  /** First delay, ms. Default 250. */
  readonly initialMs?: number;
  /** Largest delay, ms. Default 10000. */
  readonly maxMs?: number;
  /** Random numbers in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
}

/**
 * Exponential backoff with equal jitter: the n-th delay is uniform in
 * [ceiling / 2, ceiling], ceiling = min(maxMs, initial * 2^n); `reset()`
 * after a success starts over. Kept here rather than taken from
 * @governor/runtime: this client depends on nothing but the JavaScript
 * runtime's `fetch` (docs/discovery.md).
 */
export class Backoff {
  private attempt = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly random: () => number;

  constructor(options: BackoffOptions = {}) {
    this.initialMs = options.initialMs ?? 250;
    this.maxMs = options.maxMs ?? 10_000;
    this.random = options.random ?? Math.random;
  }

  /** The delay before the next attempt, ms. */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return ceiling / 2 + (this.random() * ceiling) / 2;
  }

  reset(): void {
    this.attempt = 0;
  }
}
