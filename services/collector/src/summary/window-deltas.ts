import type { BucketDistribution } from '@governor/metrics';
import type { AppSample, HistogramTotals } from './app-sample.js';

/**
 * Increase of a cumulative counter between two readings. A decrease means
 * the app restarted and its counter began again from zero (Prometheus
 * `increase()` semantics), so the increase is the new reading itself.
 */
export function counterIncrease(prev: number, cur: number): number {
  return cur >= prev ? cur - prev : cur;
}

/**
 * The window's latency histogram: `cur - prev` per bucket, or `cur` alone
 * when the app restarted (its count went down) or the bounds changed.
 */
export function histogramIncrease(
  prev: HistogramTotals | undefined,
  cur: HistogramTotals,
): BucketDistribution {
  const sameBounds =
    prev !== undefined &&
    prev.bounds.length === cur.bounds.length &&
    prev.bounds.every((b, i) => b === cur.bounds[i]);
  if (!prev || !sameBounds || cur.count < prev.count) {
    return {
      kind: 'buckets',
      bounds: [...cur.bounds],
      cumulative: [...cur.cumulative],
      count: cur.count,
      sum: cur.sum,
    };
  }
  return {
    kind: 'buckets',
    bounds: [...cur.bounds],
    cumulative: cur.cumulative.map((c, i) => Math.max(0, c - (prev.cumulative[i] ?? 0))),
    count: cur.count - prev.count,
    sum: Math.max(0, cur.sum - prev.sum),
  };
}

/**
 * The q-quantile (0..1) of a bucket distribution, in seconds, the way
 * Prometheus `histogram_quantile` computes it: linear interpolation inside
 * the bucket that holds the rank, the first bucket starting at 0, and the
 * highest finite bound when the rank falls in the +Inf bucket. Undefined
 * when the distribution is empty.
 */
export function bucketQuantile(q: number, d: BucketDistribution): number | undefined {
  if (d.count <= 0 || d.bounds.length === 0) return undefined;
  const rank = q * d.count;
  for (let i = 0; i < d.bounds.length; i++) {
    const upper = d.bounds[i] as number;
    const cum = d.cumulative[i] as number;
    if (cum >= rank) {
      const lower = i === 0 ? Math.min(0, upper) : (d.bounds[i - 1] as number);
      const below = i === 0 ? 0 : (d.cumulative[i - 1] as number);
      const inBucket = cum - below;
      if (inBucket <= 0) return upper;
      return lower + (upper - lower) * ((rank - below) / inBucket);
    }
  }
  return d.bounds[d.bounds.length - 1];
}

/** The change of one target's app counters over a window. */
export interface AppIncrease {
  /** Seconds between the two readings. */
  readonly seconds: number;
  readonly requests?: { readonly total: number; readonly errors: number };
  readonly latency?: BucketDistribution;
  /** Latest precomputed quantiles when the app exposes a summary. */
  readonly summary?: {
    readonly quantiles: Readonly<Record<string, number>>;
    readonly count: number;
    readonly sum: number;
  };
  /** Gauges: last value; counters: increase per second. */
  readonly custom: Readonly<Record<string, number>>;
}

/** What changed between two samples of one target taken `seconds` apart. */
export function appIncrease(prev: AppSample, cur: AppSample, seconds: number): AppIncrease {
  const custom: Record<string, number> = {};
  for (const [name, c] of Object.entries(cur.custom)) {
    if (!c.counter) custom[name] = c.value;
    else {
      const before = prev.custom[name];
      if (before && seconds > 0) custom[name] = counterIncrease(before.value, c.value) / seconds;
    }
  }
  const out: {
    seconds: number;
    requests?: { total: number; errors: number };
    latency?: BucketDistribution;
    summary?: AppIncrease['summary'];
    custom: Record<string, number>;
  } = { seconds, custom };
  // A series missing from the earlier sample started from zero since then
  // (labelled prom-client metrics appear on their first observation).
  if (cur.requests) {
    const before = prev.requests ?? { total: 0, errors: 0 };
    const reset = cur.requests.total < before.total;
    out.requests = reset
      ? { ...cur.requests }
      : {
          total: cur.requests.total - before.total,
          errors: counterIncrease(before.errors, cur.requests.errors),
        };
  }
  if (cur.latency?.kind === 'histogram') {
    const before = prev.latency?.kind === 'histogram' ? prev.latency : undefined;
    out.latency = histogramIncrease(before, cur.latency);
  } else if (cur.latency?.kind === 'summary') {
    out.summary = { quantiles: cur.latency.quantiles, count: cur.latency.count, sum: cur.latency.sum };
  }
  return out;
}
