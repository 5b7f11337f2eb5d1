import type { RateLimit } from './types.js';

/** Defaults of {@link RateLimit}: 10 at once, then 10 per minute. */
export const DEFAULT_RATE_LIMIT: RateLimit = { burst: 10, refillEvery: 6000 };

/** A token bucket on an injected clock; one per receiver. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  /** Takes a token if one is available at `now`. */
  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.last);
    const refill = Math.floor(elapsed / this.limit.refillEvery);
    if (refill > 0) {
      this.tokens = Math.min(this.limit.burst, this.tokens + refill);
      this.last += refill * this.limit.refillEvery;
    }
    if (this.tokens >= this.limit.burst) this.last = now; // a full bucket does not bank time
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
