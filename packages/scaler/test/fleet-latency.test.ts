import type { BucketDistribution, LatencyDistribution } from '@governor/metrics';
import { distributionQuantile, mergeDistributions } from '@governor/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fleetQuantile } from '../src/index.js';

const BOUNDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1];

const histogram: fc.Arbitrary<BucketDistribution> = fc
  .record({
    counts: fc.array(fc.integer({ min: 0, max: 500 }), {
      minLength: BOUNDS.length,
      maxLength: BOUNDS.length,
    }),
    overflow: fc.integer({ min: 0, max: 50 }),
  })
  .map(({ counts, overflow }) => {
    const cumulative: number[] = [];
    let c = 0;
    for (const n of counts) {
      c += n;
      cumulative.push(c);
    }
    return { kind: 'buckets', bounds: BOUNDS, cumulative, count: c + overflow, sum: 0 };
  });

describe('fleet latency quantile', () => {
  it('equals @governor/metrics distributionQuantile(mergeDistributions(...)) on shared bounds', () => {
    fc.assert(
      fc.property(
        fc.array(histogram, { minLength: 1, maxLength: 20 }),
        fc.constantFrom(0.5, 0.9, 0.99),
        (dists, q) => {
          const merged = mergeDistributions(dists) as LatencyDistribution;
          const want = merged.count === 0 ? 0 : distributionQuantile(merged, q) * 1000;
          const got = fleetQuantile(dists, q)?.ms;
          expect(got, `got ${got} want ${want}`).toBe(want);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('merges histograms with different bounds through @governor/metrics', () => {
    const a: BucketDistribution = {
      kind: 'buckets',
      bounds: [0.1, 0.2],
      cumulative: [10, 20],
      count: 20,
      sum: 0,
    };
    const b: BucketDistribution = {
      kind: 'buckets',
      bounds: [0.1, 0.3],
      cumulative: [0, 20],
      count: 20,
      sum: 0,
    };
    const want = distributionQuantile(mergeDistributions([a, b]) as LatencyDistribution, 0.9) * 1000;
    expect(fleetQuantile([a, b], 0.9)?.ms).toBe(want);
  });

  it('is not the average or the max of per-machine quantiles', () => {
    const fast: BucketDistribution = {
      kind: 'buckets',
      bounds: BOUNDS,
      cumulative: [990, 1000, 1000, 1000, 1000, 1000],
      count: 1000,
      sum: 0,
    };
    const slow: BucketDistribution = {
      kind: 'buckets',
      bounds: BOUNDS,
      cumulative: [0, 0, 0, 0, 0, 10],
      count: 10,
      sum: 0,
    };
    const p99 = fleetQuantile([fast, slow], 0.99)?.ms as number;
    // 1010 observations, rank 999.9 -> inside (0.01, 0.05]: far below the slow machine's own p99 (~1s).
    expect(p99).toBeGreaterThan(10);
    expect(p99).toBeLessThan(50);
  });

  it('gives no value (not 0 ms) for zero observations, and none for no distribution', () => {
    const empty: BucketDistribution = {
      kind: 'buckets',
      bounds: BOUNDS,
      cumulative: [0, 0, 0, 0, 0, 0],
      count: 0,
      sum: 0,
    };
    expect(fleetQuantile([empty], 0.99)).toBeUndefined();
    expect(fleetQuantile([empty, { ...empty, bounds: [1, 2, 3, 4, 5] }], 0.99)).toBeUndefined();
    expect(fleetQuantile([], 0.99)).toBeUndefined();
  });
});
