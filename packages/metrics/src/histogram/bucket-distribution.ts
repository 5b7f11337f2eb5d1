import type { BucketDistribution } from '../snapshot.js';
import type { CumulativeBucket } from './histogram-quantile.js';

/** A histogram series as the parser returns it: cumulative buckets ending with +Inf. */
export interface HistogramLike {
  readonly buckets?: readonly CumulativeBucket[];
  readonly sum?: number;
  readonly count?: number;
}

/**
 * Converts one parsed histogram series (buckets ending with `+Inf`) to a
 * {@link BucketDistribution} (finite bounds + total count).
 */
export function toBucketDistribution(series: HistogramLike): BucketDistribution {
  const bounds: number[] = [];
  const cumulative: number[] = [];
  let total = series.count ?? 0;
  for (const b of series.buckets ?? []) {
    if (b.le === Number.POSITIVE_INFINITY) total = b.count;
    else {
      bounds.push(b.le);
      cumulative.push(b.count);
    }
  }
  return { kind: 'buckets', bounds, cumulative, count: total, sum: series.sum ?? 0 };
}

/** The cumulative buckets of a distribution, with the `+Inf` bucket last. */
export function cumulativeBuckets(dist: BucketDistribution): CumulativeBucket[] {
  const out: CumulativeBucket[] = dist.bounds.map((le, i) => ({ le, count: dist.cumulative[i] ?? 0 }));
  out.push({ le: Number.POSITIVE_INFINITY, count: dist.count });
  return out;
}

/**
 * The cumulative count of `dist` at an arbitrary bound `le`: exact at its own
 * bounds, linearly interpolated inside a bucket (from 0 below the lowest
 * positive bound), and flat above the highest finite bound (those
 * observations stay in +Inf).
 */
export function cumulativeAt(dist: BucketDistribution, le: number): number {
  if (le === Number.POSITIVE_INFINITY) return dist.count;
  const { bounds, cumulative } = dist;
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((bounds[mid] as number) < le) lo = mid + 1;
    else hi = mid;
  }
  if (lo < bounds.length && bounds[lo] === le) return cumulative[lo] as number;
  if (lo === bounds.length) return bounds.length === 0 ? 0 : (cumulative[lo - 1] as number);
  const upper = bounds[lo] as number;
  const upperCount = cumulative[lo] as number;
  const lower = lo === 0 ? Math.min(0, upper) : (bounds[lo - 1] as number);
  const lowerCount = lo === 0 ? 0 : (cumulative[lo - 1] as number);
  if (le <= lower || upper === lower) return lowerCount;
  return lowerCount + ((upperCount - lowerCount) * (le - lower)) / (upper - lower);
}

/**
 * The observations that happened between two readings of the same
 * histogram. Reset-aware: when the total or any bucket went down, or the
 * bounds changed, the process restarted and `cur` is the window's data.
 */
export function bucketDelta(prev: BucketDistribution, cur: BucketDistribution): BucketDistribution {
  const sameBounds =
    prev.bounds.length === cur.bounds.length && prev.bounds.every((b, i) => b === cur.bounds[i]);
  if (!sameBounds || cur.count < prev.count) return cur;
  const cumulative: number[] = [];
  for (let i = 0; i < cur.cumulative.length; i++) {
    const d = (cur.cumulative[i] as number) - (prev.cumulative[i] as number);
    if (d < 0) return cur;
    cumulative.push(d);
  }
  const sum = cur.sum >= prev.sum ? cur.sum - prev.sum : cur.sum;
  return { kind: 'buckets', bounds: cur.bounds, cumulative, count: cur.count - prev.count, sum };
}
