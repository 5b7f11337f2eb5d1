import { describe, expect, it } from 'vitest';
import { histogramQuantile } from '../../src/index.js';

const INF = Number.POSITIVE_INFINITY;
const b = (pairs: [number, number][]) => pairs.map(([le, count]) => ({ le, count }));
// 10 observations: 1 <= 0.1, 2 in (0.1,0.2], 3 in (0.2,0.5], 2 in (0.5,1], 2 above 1.
const TEN = b([
  [0.1, 1],
  [0.2, 3],
  [0.5, 6],
  [1, 8],
  [INF, 10],
]);

describe('histogramQuantile follows PromQL histogram_quantile', () => {
  it.each([
    ['interpolates linearly inside the bucket holding the rank', 0.5, TEN, 0.2 + 0.3 * (2 / 3)],
    ['interpolates the lowest bucket from 0 when its bound is positive', 0.05, TEN, 0.05],
    ['returns 0 for q = 0 with a positive lowest bound', 0, TEN, 0],
    ['returns the second-highest bound when the rank is in the +Inf bucket', 0.9, TEN, 1],
    ['returns the second-highest bound for q = 1', 1, TEN, 1],
    [
      'returns the lowest bound itself when it is <= 0',
      0.25,
      b([
        [-1, 2],
        [0, 4],
        [INF, 4],
      ]),
      -1,
    ],
    [
      'interpolates a single finite bucket from 0',
      0.5,
      b([
        [1, 4],
        [INF, 4],
      ]),
      0.5,
    ],
    [
      'repairs non-monotonic counts by carrying the running maximum',
      0.5,
      b([
        [0.1, 5],
        [0.2, 3],
        [INF, 6],
      ]),
      0.06,
    ],
    [
      'sorts buckets given out of order',
      0.5,
      b([
        [INF, 10],
        [1, 8],
        [0.2, 3],
        [0.5, 6],
        [0.1, 1],
      ]),
      0.2 + 0.3 * (2 / 3),
    ],
    [
      'adds buckets with the same bound together',
      0.5,
      b([
        [1, 2],
        [1, 2],
        [INF, 4],
      ]),
      0.5,
    ],
  ])('%s', (_name, q, buckets, want) => {
    expect(histogramQuantile(q, buckets)).toBeCloseTo(want, 12);
  });

  it.each([
    ['no buckets', 0.5, [], Number.NaN],
    ['only the +Inf bucket', 0.5, b([[INF, 5]]), Number.NaN],
    ['no +Inf bucket', 0.5, b([[1, 5]]), Number.NaN],
    [
      'zero observations',
      0.5,
      b([
        [1, 0],
        [INF, 0],
      ]),
      Number.NaN,
    ],
    ['q is NaN', Number.NaN, TEN, Number.NaN],
    ['q < 0', -0.1, TEN, Number.NEGATIVE_INFINITY],
    ['q > 1', 1.1, TEN, INF],
  ])('edge case: %s', (_name, q, buckets, want) => {
    expect(histogramQuantile(q, buckets)).toBe(want);
  });
});
