import type { BucketDistribution, LatencyDistribution } from '@governor/metrics';

/**
 * Merges bucket distributions (same bounds required: different bounds are
 * re-bucketed onto the first one's bounds by cumulative count at or below
 * each bound) and returns the merged one, or undefined when none is a
 * bucket distribution. Sketches and summaries are left out here: the
 * scaler's own latency proposal handles every kind; this is for display and
 * the fleet gauges.
 */
export function mergeBuckets(dists: readonly LatencyDistribution[]): BucketDistribution | undefined {
  const buckets = dists.filter((d): d is BucketDistribution => d.kind === 'buckets');
  const first = buckets[0];
  if (!first) return undefined;
  const cumulative = first.bounds.map(() => 0);
  let count = 0;
  let sum = 0;
  for (const d of buckets) {
    first.bounds.forEach((bound, i) => {
      let at = 0;
      for (let j = 0; j < d.bounds.length; j++)
        if ((d.bounds[j] ?? Infinity) <= bound) at = d.cumulative[j] ?? at;
      cumulative[i] = (cumulative[i] ?? 0) + at;
    });
    count += d.count;
    sum += d.sum;
  }
  return { kind: 'buckets', bounds: first.bounds, cumulative, count, sum };
}

/**
 * The q-quantile (0..1) of a bucket distribution in seconds, interpolating
 * linearly inside the bucket like Prometheus `histogram_quantile`. Undefined
 * when empty; the highest finite bound when the rank falls in +Inf.
 */
export function bucketQuantile(d: BucketDistribution, q: number): number | undefined {
  if (d.count <= 0) return undefined;
  const rank = q * d.count;
  let prevBound = 0;
  let prevCount = 0;
  for (let i = 0; i < d.bounds.length; i++) {
    const bound = d.bounds[i] ?? 0;
    const c = d.cumulative[i] ?? 0;
    if (c >= rank) {
      const inBucket = c - prevCount;
      if (inBucket <= 0) return bound;
      return prevBound + (bound - prevBound) * ((rank - prevCount) / inBucket);
    }
    prevBound = bound;
    prevCount = c;
  }
  return d.bounds.at(-1);
}
