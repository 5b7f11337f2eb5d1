/**
 * A token bucket: `rate` tokens per second, holding at most `capacity`.
 * Time comes from an injected clock, so it is exact in tests.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  /**
   * @param rate tokens added per second
   * @param capacity burst size (the bucket starts full)
   * @param now clock in ms
   */
  constructor(
    private readonly rate: number,
    private readonly capacity: number,
    private readonly now: () => number,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
  }

  /** Takes a token when one is available; false otherwise. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** ms until a token is available (0 when one is). */
  waitTime(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.rate) * 1000);
  }
}

/** Token buckets keyed by `(action, machine-or-app)`. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: (action: string) => { rate: number; burst: number },
    private readonly now: () => number,
  ) {}

  /** The bucket for `action` on `target` (a machine id or an app name). */
  get(action: string, target: string): TokenBucket {
    const key = `${action}\u0000${target}`;
    let b = this.buckets.get(key);
    if (!b) {
      const { rate, burst } = this.limits(action);
      b = new TokenBucket(rate, burst, this.now);
      this.buckets.set(key, b);
    }
    return b;
  }
}

/**
 * The Machines API limits: 1 request/s with bursts of 3 per action and
 * machine (or app); reading one machine 5/s with bursts of 10. Listing is
 * not documented separately; it gets the read limit.
 */
export function flyRateLimit(action: string): { rate: number; burst: number } {
  return action === 'get' || action === 'list' ? { rate: 5, burst: 10 } : { rate: 1, burst: 3 };
}
