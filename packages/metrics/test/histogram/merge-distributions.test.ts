import { describe, expect, it } from 'vitest';
import {
  type BucketDistribution,
  DDSketch,
  distributionQuantile,
  histogramQuantile,
  type LatencyDistribution,
  mergeDistributions,
  quantilesOf,
  toBucketDistribution,
  toSummaryQuantiles,
} from '../../src/index.js';

const INF = Number.POSITIVE_INFINITY;
const dist = (bounds: number[], cumulative: number[], count: number, sum = 0): BucketDistribution => ({
  kind: 'buckets',
  bounds,
  cumulative,
  count,
  sum,
});

describe('mergeDistributions with histogram buckets', () => {
  // A busy fast instance and a quiet slow one.
  const fast = dist([0.05, 0.1, 0.5, 1, 2], [900, 1000, 1000, 1000, 1000], 1000, 40);
  const slow = dist([0.05, 0.1, 0.5, 1, 2], [0, 0, 0, 5, 10], 10, 15);

  it('adds bucket counts, totals and sums', () => {
    expect(mergeDistributions([fast, slow])).toEqual(
      dist([0.05, 0.1, 0.5, 1, 2], [900, 1000, 1000, 1005, 1010], 1010, 55),
    );
  });

  it('gives the fleet P99 of all observations, not the mean or max of instance P99s', () => {
    const merged = mergeDistributions([fast, slow]) as BucketDistribution;
    const fleetP99 = distributionQuantile(merged, 0.99);
    const want = histogramQuantile(0.99, [
      { le: 0.05, count: 900 },
      { le: 0.1, count: 1000 },
      { le: 0.5, count: 1000 },
      { le: 1, count: 1005 },
      { le: 2, count: 1010 },
      { le: INF, count: 1010 },
    ]);
    expect(fleetP99).toBe(want);
    const p99s = [distributionQuantile(fast, 0.99), distributionQuantile(slow, 0.99)];
    expect(fleetP99).not.toBeCloseTo((p99s[0] as number) / 2 + (p99s[1] as number) / 2, 3);
    expect(fleetP99).not.toBeCloseTo(Math.max(...p99s), 3);
    // rank 0.99 * 1010 = 999.9 falls in (0.05, 0.1], which holds observations 901..1000.
    expect(fleetP99).toBeCloseTo(0.05 + 0.05 * (99.9 / 100), 12);
  });

  it('merges different bounds on their union, interpolating inside buckets', () => {
    const a = dist([0.1, 1], [10, 20], 20);
    const b = dist([0.5, 1], [4, 8], 10);
    const merged = mergeDistributions([a, b]) as BucketDistribution;
    expect(merged.bounds).toEqual([0.1, 0.5, 1]);
    expect(merged.count).toBe(30);
    const [at01, at05, at1] = merged.cumulative as [number, number, number];
    expect(at01).toBeCloseTo(10 + 4 * (0.1 / 0.5), 12);
    expect(at05).toBeCloseTo(10 + 10 * (0.4 / 0.9) + 4, 12);
    expect(at1).toBe(28);
  });

  it('keeps observations above a histogram’s highest bound in +Inf when merging on a union', () => {
    const a = dist([0.1], [5], 10);
    const b = dist([0.1, 10], [1, 2], 2);
    const merged = mergeDistributions([a, b]) as BucketDistribution;
    expect(merged.cumulative).toEqual([6, 7]);
    expect(merged.count).toBe(12);
  });

  it('leaves non-mergeable summaries out and returns undefined when nothing is left', () => {
    const summary = toSummaryQuantiles({ quantiles: [{ quantile: 0.99, value: 3 }], count: 1, sum: 3 });
    expect(summary.mergeable).toBe(false);
    expect(mergeDistributions([summary])).toBeUndefined();
    expect(mergeDistributions([])).toBeUndefined();
    expect(mergeDistributions([summary, fast])).toEqual(fast);
  });

  it('refuses to mix histograms and sketches', () => {
    const sketch = new DDSketch().add(0.1).toJSON();
    expect(() => mergeDistributions([fast, sketch])).toThrow(
      expect.objectContaining({ code: 'GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS' }),
    );
  });
});

describe('mergeDistributions with sketches', () => {
  it('merges sketches exactly: same as one sketch of all samples', () => {
    const a = new DDSketch();
    const b = new DDSketch();
    const all = new DDSketch();
    for (let i = 1; i <= 500; i++) {
      const v = i / 1000;
      (i % 3 === 0 ? a : b).add(v);
      all.add(v);
    }
    const merged = mergeDistributions([a.toJSON(), b.toJSON()]) as LatencyDistribution;
    const want = all.toJSON();
    expect({ ...merged, sum: 0 }).toEqual({ ...want, sum: 0 });
    expect(merged.sum).toBeCloseTo(want.sum, 9);
    expect(quantilesOf(merged)).toEqual(quantilesOf(want));
  });

  it('refuses sketches of different accuracy', () => {
    const a = new DDSketch({ relativeAccuracy: 0.01 }).add(1).toJSON();
    const b = new DDSketch({ relativeAccuracy: 0.02 }).add(1).toJSON();
    expect(() => mergeDistributions([a, b])).toThrow(/relative accuracy/);
  });
});

describe('distributionQuantile and helpers', () => {
  it('reads a summary’s own quantile and NaN for one it does not export', () => {
    const s = toSummaryQuantiles({
      quantiles: [
        { quantile: 0.5, value: 0.2 },
        { quantile: 0.99, value: 1.5 },
      ],
      count: 10,
      sum: 4,
    });
    expect(distributionQuantile(s, 0.99)).toBe(1.5);
    expect(quantilesOf(s)).toEqual({ p50: 0.2, p90: Number.NaN, p99: 1.5 });
  });

  it('converts a parsed histogram series into a distribution', () => {
    expect(
      toBucketDistribution({
        buckets: [
          { le: 0.1, count: 2 },
          { le: INF, count: 5 },
        ],
        sum: 1.5,
        count: 5,
      }),
    ).toEqual(dist([0.1], [2], 5, 1.5));
  });
});
