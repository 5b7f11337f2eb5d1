import type { Clock } from './clock.js';

/** The limit of a {@link TokenBucket}. */
export interface TokenBucketLimit {
  /** Tokens the bucket holds when full (it starts full): how many may go back to back. */
  readonly burst: number;
  /** ms for one token to come back. */
  readonly refillEveryMs: number;
}

/**
 * A token bucket: `burst` tokens at most, one more every `refillEveryMs`; a
 * full bucket does not bank time. Time comes from an injected clock, and the
 * bucket counts in ms of credit, so whole-ms clocks and periods are exact.
 */
export class TokenBucket {
  /** ms of refill banked: `refillEveryMs` per token. */
  private credit: number;
  private last: number;

  constructor(
    private readonly limit: TokenBucketLimit,
    private readonly clock: Clock,
  ) {
    this.credit = limit.burst * limit.refillEveryMs;
    this.last = clock.now();
  }

  /** Takes a token when one is available; false otherwise. */
  tryTake(): boolean {
    this.refill();
    if (this.credit < this.limit.refillEveryMs) return false;
    this.credit -= this.limit.refillEveryMs;
    return true;
  }

  /** ms until a token is available (0 when one is). */
  waitTime(): number {
    this.refill();
    return Math.max(0, Math.ceil(this.limit.refillEveryMs - this.credit));
  }

  private refill(): void {
    const now = this.clock.now();
    if (now <= this.last) return; // a clock that went back adds nothing
    this.credit = Math.min(this.limit.burst * this.limit.refillEveryMs, this.credit + (now - this.last));
    this.last = now;
  }
}
