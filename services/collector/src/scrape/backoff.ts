/** Options for {@link Backoff}. */
export interface BackoffOptions {
  /** Delay after the first failure, ms. */
  initialMs: number;
  /** Largest delay, ms. */
  maxMs: number;
  /** Growth per consecutive failure. Default 2. */
  factor?: number;
}

/**
 * Exponential backoff for a target that is down: the delay before the next
 * attempt doubles with each consecutive failure up to a cap, and resets on
 * the first success. Pure: no timers, no clock.
 */
export class Backoff {
  private failures = 0;

  constructor(private readonly options: BackoffOptions) {}

  /** Consecutive failures so far. */
  get consecutiveFailures(): number {
    return this.failures;
  }

  /** Records a failure and returns the delay before the next attempt. */
  fail(): number {
    this.failures += 1;
    const factor = this.options.factor ?? 2;
    const delay = this.options.initialMs * factor ** (this.failures - 1);
    return Math.min(delay, this.options.maxMs);
  }

  /** Records a success. */
  succeed(): void {
    this.failures = 0;
  }
}
