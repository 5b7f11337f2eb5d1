/**
 * The per-tick fast paths give exactly what the general code gives: display
 * numbers read like `String(round(x))`, and the fleet latency taken straight
 * from the machine list equals `fleetQuantile` of the reported distributions
 * (itself held equal to `@governor/metrics` mergeDistributions +
 * distributionQuantile in fleet-latency.test.ts).
 */
import type { LatencyDistribution } from '@governor/metrics';
import { distributionQuantile, mergeDistributions } from '@governor/metrics';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { latencySamples } from '../src/fleet-latency.js';
import { fleetQuantile, type MachineObservation } from '../src/index.js';
import { round, roundText } from '../src/numbers.js';
import { machine } from './support/machines.js';

describe('roundText', () => {
  it('reads exactly like String(round(x, digits)) for doubles of every magnitude', () => {
    const magnitudes = fc
      .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -8, max: 22 }))
      .map(([m, e]) => m * 10 ** e);
    fc.assert(
      fc.property(fc.oneof(fc.double(), magnitudes), fc.constantFrom(0, 1, 2, 3, 7), (x, digits) => {
        const want = String(round(x, digits));
        expect(roundText(x, digits), `x=${x} digits=${digits}`).toBe(want);
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads like String(round(x)) at and around every 2-decimal value up to 1000', () => {
    for (let k = -100_000; k <= 100_000; k++) {
      const x = k / 100;
      for (const y of [x, x + 0.005, x - 0.005, x + 1e-9, x - 1e-9]) {
        if (roundText(y) !== String(round(y))) expect(roundText(y), `x=${y}`).toBe(String(round(y)));
      }
    }
  });

  it('keeps the plain text for -0, NaN, infinities and very large values', () => {
    for (const x of [
      -0,
      -0.001,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      1e13,
      1e21,
    ]) {
      expect(roundText(x), `x=${x}`).toBe(String(round(x)));
    }
  });
});

const SHARED = [0.01, 0.05, 0.1, 0.25, 0.5, 1];

const cumulative = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 400 }), { minLength: n, maxLength: n }).map((xs) => {
    // Mostly cumulative, sometimes with a decreasing bucket (monotonicity repair).
    const out: number[] = [];
    let c = 0;
    for (const [i, x] of xs.entries()) {
      if (i === 2 && x % 7 === 0) out.push(Math.max(0, c - x));
      else {
        c += x;
        out.push(c);
      }
    }
    return out;
  });

const distribution: fc.Arbitrary<LatencyDistribution> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.tuple(cumulative(SHARED.length), fc.nat(30)).map(([c, over]) => bucketsOf(SHARED, c, over)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(cumulative(SHARED.length), fc.nat(30))
      .map(([c, over]) => bucketsOf([...SHARED], c, over)),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(cumulative(3), fc.nat(5)).map(([c, over]) => bucketsOf([0.02, 0.2, 2], c, over)),
  },
  { weight: 1, arbitrary: fc.constant(bucketsOf(SHARED, [0, 0, 0, 0, 0, 0], 0)) },
  { weight: 1, arbitrary: fc.constant(bucketsOf([0.1, 0.05, 1], [1, 2, 3], 0)) },
  { weight: 1, arbitrary: fc.constant(bucketsOf(SHARED, [1, 2, 3, 4, 5, 6], Number.NaN)) },
  {
    weight: 1,
    arbitrary: fc.double({ min: 0, max: 2, noNaN: true }).map(
      (v): LatencyDistribution => ({
        kind: 'summary',
        mergeable: false,
        quantiles: { '0.99': v },
        count: 3,
        sum: 1,
      }),
    ),
  },
);

function bucketsOf(bounds: number[], cumulativeCounts: number[], overflow: number): LatencyDistribution {
  const last = cumulativeCounts[cumulativeCounts.length - 1] ?? 0;
  return { kind: 'buckets', bounds, cumulative: cumulativeCounts, count: last + overflow, sum: 0 };
}

describe('fleet latency from the machine list', () => {
  it('has no value at q=0 when the only observations lie above every bound, like the general path', () => {
    const d = bucketsOf([0.01, 0.05, 0.1, 0.25, 0.5, 1], [0, 0, 0, 0, 0, 0], 1);
    const machines = [machine('m0', { latency: d })];
    expect(latencySamples(machines, 0).quantile).toBeUndefined();
    expect(fleetQuantile([d], 0)).toBeUndefined();
    expect(latencySamples(machines, 0.99).quantile?.ms).toBe(1000);
  });

  it('has no value when the totals say no request, even under a malformed non-zero bucket, like the general path', () => {
    // Found by the property below (seed -125484451): the fast path used to
    // repair the total up to the bucket and report 110 ms.
    const d = bucketsOf([0.02, 0.2, 2], [0, 1, 0], 0);
    const samples = latencySamples([machine('m0', { latency: d })], 0.5);
    expect(samples.quantile).toBeUndefined();
    expect(samples.empty).toBe(true);
    expect(fleetQuantile([d], 0.5)).toBeUndefined();
  });

  it('equals fleetQuantile of the reported distributions, in machine order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(distribution, { nil: undefined, freq: 5 }), { maxLength: 12 }),
        fc.constantFrom(0, 0.5, 0.9, 0.99, 1, -0.1, 1.5),
        (latencies, q) => {
          const machines: MachineObservation[] = latencies.map((latency, i) =>
            machine(`m${i}`, latency === undefined ? { cpu: 0.5 } : { latency }, { ready: i % 3 !== 1 }),
          );
          const reported = latencies.filter((d): d is LatencyDistribution => d !== undefined);
          const samples = latencySamples(machines, q);
          const got = samples.quantile;
          expect(got).toEqual(fleetQuantile(reported, q));
          expect(samples.reported).toBe(reported.length);
          expect(samples.ready).toBe(machines.filter((m) => m.ready).length);
          if (reported.length > 0 && reported.every((d) => d.kind === 'buckets')) {
            // The general path of @governor/metrics, independently of the fast one.
            const merged = mergeDistributions(reported) as LatencyDistribution;
            // An empty window has no quantile (not 0 ms).
            const s = merged.count === 0 ? Number.NaN : distributionQuantile(merged, q);
            expect(got?.ms, `q=${q}`).toBe(Number.isFinite(s) ? s * 1000 : undefined);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('equals @governor/metrics merge + quantile when every machine shares the bounds', () => {
    const ms = [
      machine('a', { latency: bucketsOf(SHARED, [10, 20, 30, 40, 50, 60], 1) }),
      machine('b', {}),
      machine('c', { latency: bucketsOf([...SHARED], [0, 5, 5, 9, 100, 120], 3) }),
    ];
    const dists = ms.flatMap((m) => (m.metrics?.latency === undefined ? [] : [m.metrics.latency]));
    for (const q of [0.5, 0.9, 0.99]) {
      const want = distributionQuantile(mergeDistributions(dists) as LatencyDistribution, q) * 1000;
      expect(latencySamples(ms, q).quantile?.ms, `q=${q}`).toBe(want);
    }
  });
});
