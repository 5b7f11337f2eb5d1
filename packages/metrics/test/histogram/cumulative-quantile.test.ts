import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cumulativeQuantile, histogramQuantile } from '../../src/index.js';

const INF = Number.POSITIVE_INFINITY;

describe('cumulativeQuantile', () => {
  it('interpolates counts with the total last, repairing them in place', () => {
    // 10 observations; the 0.2 bucket (2) is below the 0.1 bucket (3) and is raised to 3.
    const counts = [3, 2, 6, 8, 10];
    expect(cumulativeQuantile(0.5, [0.1, 0.2, 0.5, 1], counts, 4)).toBeCloseTo(0.2 + 0.3 * (2 / 3), 12);
    expect(counts).toEqual([3, 3, 6, 8, 10]);
  });

  it('has no value for a total of zero or NaN', () => {
    expect(cumulativeQuantile(0.5, [1], [0, 0], 1)).toBeNaN();
    expect(cumulativeQuantile(0.5, [1], [1, Number.NaN], 1)).toBeNaN();
  });

  it('is the step histogramQuantile takes after sorting and coalescing the buckets', () => {
    const bounds = fc.uniqueArray(fc.double({ min: -1, max: 10, noNaN: true }), {
      minLength: 1,
      maxLength: 8,
      comparator: 'SameValueZero',
    });
    fc.assert(
      fc.property(
        bounds,
        fc.array(fc.nat(50), { minLength: 9, maxLength: 9 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (unsorted, raw, q) => {
          const sorted = [...unsorted].sort((a, b) => a - b);
          const counts = [...raw.slice(0, sorted.length), raw[8] as number];
          const buckets = [
            ...sorted.map((le, i) => ({ le, count: counts[i] as number })),
            { le: INF, count: counts[sorted.length] as number },
          ];
          const want = histogramQuantile(q, buckets);
          const got = cumulativeQuantile(q, sorted, [...counts], sorted.length);
          expect(got, `q=${q}`).toBe(want);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
