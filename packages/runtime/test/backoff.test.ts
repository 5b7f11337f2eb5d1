import { describe, expect, it } from 'vitest';
import { backoffCeiling, fullJitterBackoff } from '../src/backoff.js';

describe('backoffCeiling', () => {
  it('doubles per retry up to the cap', () => {
    const policy = { baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffCeiling(n, policy))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffCeiling(10_000, policy)).toBe(5000);
  });
});

describe('fullJitterBackoff', () => {
  const policy = { baseMs: 100, maxMs: 1000 };

  it('grows exponentially with full jitter and stays under maxMs', () => {
    expect([1, 2, 3, 4, 5].map((n) => fullJitterBackoff(n, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999,
    ]);
    expect(fullJitterBackoff(3, policy, () => 0)).toBe(0);
    expect(fullJitterBackoff(3, policy, () => 0.5)).toBe(200);
  });

  it('honours a floor such as Retry-After, capped at maxMs', () => {
    expect(fullJitterBackoff(1, policy, () => 0, 700)).toBe(700);
    expect(fullJitterBackoff(1, policy, () => 0, 60_000)).toBe(1000);
    expect(fullJitterBackoff(4, policy, () => 0.5, 100)).toBe(400);
  });
});
