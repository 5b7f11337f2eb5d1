import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../src/token-bucket.js';

/** A clock read from a variable. */
function clockAt(start: number) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

describe('TokenBucket', () => {
  it('allows a burst, then one per refill period, and does not bank time while full', () => {
    const clock = clockAt(0);
    const bucket = new TokenBucket({ burst: 2, refillEveryMs: 1000 }, clock);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
    clock.t = 999;
    expect(bucket.tryTake()).toBe(false);
    clock.t = 1000;
    expect(bucket.tryTake()).toBe(true);
    clock.t = 1500;
    expect(bucket.tryTake()).toBe(false);
    const idleClock = clockAt(0);
    const idle = new TokenBucket({ burst: 1, refillEveryMs: 1000 }, idleClock);
    idleClock.t = 60_000;
    expect(idle.tryTake()).toBe(true);
    idleClock.t = 60_001;
    expect(idle.tryTake()).toBe(false);
  });

  it('says how long until the next token, in whole ms', () => {
    const clock = clockAt(5000);
    // 0.9 tokens per second, as the Fly client asks of a 1/s API limit.
    const bucket = new TokenBucket({ burst: 1, refillEveryMs: 1000 / 0.9 }, clock);
    expect(bucket.waitTime()).toBe(0);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.waitTime()).toBe(1112);
    clock.t += 1000;
    expect(bucket.waitTime()).toBe(112);
    clock.t += 112;
    expect(bucket.waitTime()).toBe(0);
    expect(bucket.tryTake()).toBe(true);
  });

  it('adds nothing when the clock goes back', () => {
    const clock = clockAt(10_000);
    const bucket = new TokenBucket({ burst: 1, refillEveryMs: 1000 }, clock);
    expect(bucket.tryTake()).toBe(true);
    clock.t = 0;
    expect(bucket.tryTake()).toBe(false);
    clock.t = 10_999;
    expect(bucket.tryTake()).toBe(false);
    clock.t = 11_000;
    expect(bucket.tryTake()).toBe(true);
  });
});
