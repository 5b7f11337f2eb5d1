import { describe, expect, it } from 'vitest';
import { Backoff } from '../src/backoff.js';

describe('Backoff (the watch reconnect delays)', () => {
  it('doubles its ceiling per failure up to maxMs, with full jitter, and starts over after reset()', () => {
    const top = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([1, 2, 3, 4, 5, 6].map(() => top.next())).toEqual([99, 199, 399, 799, 999, 999]);
    top.reset();
    expect(top.next()).toBe(99);
    const bottom = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    expect([bottom.next(), bottom.next()]).toEqual([0, 0]);
  });

  it('defaults to 250 ms doubling to 10 s', () => {
    const b = new Backoff({ random: () => 0.999999 });
    const delays = Array.from({ length: 8 }, () => b.next());
    expect(delays[0]).toBe(249);
    expect(Math.max(...delays)).toBe(9999);
  });
});
