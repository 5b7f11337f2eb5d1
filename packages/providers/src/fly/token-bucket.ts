import { TokenBucket } from '@governor/runtime';

/** Token buckets keyed by `(action, machine-or-app)`. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();

  /**
   * @param limits per action: `rate` tokens per second, bursts of `burst`
   * @param now clock in ms
   */
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
      b = new TokenBucket({ burst, refillEveryMs: 1000 / rate }, { now: this.now });
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
