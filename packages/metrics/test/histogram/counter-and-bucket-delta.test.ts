import { describe, expect, it } from 'vitest';
import { type BucketDistribution, bucketDelta, counterDelta, counterRate } from '../../src/index.js';

const dist = (bounds: number[], cumulative: number[], count: number, sum: number): BucketDistribution => ({
  kind: 'buckets',
  bounds,
  cumulative,
  count,
  sum,
});

describe('counterDelta and counterRate', () => {
  it.each([
    ['increase', 10, 15, 5],
    ['no change', 7, 7, 0],
    ['reset: the counter restarted, so the current value is the increase', 15, 3, 3],
    ['reset to zero', 15, 0, 0],
  ])('%s', (_name, prev, cur, want) => {
    expect(counterDelta(prev, cur)).toBe(want);
  });

  it('is NaN when a reading is NaN', () => {
    expect(counterDelta(Number.NaN, 1)).toBeNaN();
  });

  it('divides the delta by the elapsed seconds', () => {
    expect(counterRate(100, 160, 30_000)).toBe(2);
    expect(counterRate(100, 30, 15_000)).toBe(2);
    expect(counterRate(1, 2, 0)).toBeNaN();
  });
});

describe('bucketDelta', () => {
  it('subtracts bucket by bucket within a window', () => {
    const prev = dist([0.1, 1], [5, 8], 10, 4);
    const cur = dist([0.1, 1], [7, 12], 15, 6.5);
    expect(bucketDelta(prev, cur)).toEqual(dist([0.1, 1], [2, 4], 5, 2.5));
  });

  it('treats a lower total as a reset and returns the current histogram', () => {
    const prev = dist([0.1, 1], [5, 8], 10, 4);
    const cur = dist([0.1, 1], [1, 2], 3, 0.5);
    expect(bucketDelta(prev, cur)).toBe(cur);
  });

  it('treats a lower bucket as a reset even when the total grew', () => {
    const prev = dist([0.1, 1], [5, 8], 10, 4);
    const cur = dist([0.1, 1], [4, 9], 11, 4.2);
    expect(bucketDelta(prev, cur)).toBe(cur);
  });

  it('treats changed bounds as a reset', () => {
    const prev = dist([0.1, 1], [5, 8], 10, 4);
    const cur = dist([0.1, 0.5, 1], [6, 8, 9], 12, 5);
    expect(bucketDelta(prev, cur)).toBe(cur);
  });
});
