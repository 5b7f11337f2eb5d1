import { cumulativeQuantile } from './cumulative-quantile.js';

/** A cumulative bucket as `histogramQuantile` reads it. */
export interface CumulativeBucket {
  /** Upper bound; the last bucket is `+Inf`. */
  readonly le: number;
  /** Observations at or below `le`. */
  readonly count: number;
}

/**
 * The q-quantile of a classic histogram, exactly as PromQL's
 * `histogram_quantile` computes it:
 * - `q` NaN -> NaN; `q < 0` -> -Inf; `q > 1` -> +Inf
 * - buckets are sorted by bound; equal bounds are added together; counts
 *   that decrease are raised to the running maximum (monotonicity repair)
 * - no `+Inf` bucket, fewer than two buckets, or zero observations -> NaN
 * - the rank falls in the `+Inf` bucket -> the upper bound of the
 *   second-highest bucket
 * - the rank falls in the lowest bucket -> its upper bound when that bound is
 *   <= 0, otherwise linear interpolation from 0
 * - otherwise linear interpolation inside the bucket holding the rank.
 *
 * The steps after sorting and coalescing are {@link cumulativeQuantile}'s.
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  if (buckets.length === 0) return Number.NaN;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (last === undefined || last.le !== Number.POSITIVE_INFINITY) return Number.NaN;

  // Coalesce equal bounds; cumulativeQuantile repairs monotonicity and interpolates.
  const bounds: number[] = [];
  const counts: number[] = [];
  for (const b of sorted) {
    const i = bounds.length - 1;
    if (i >= 0 && bounds[i] === b.le) counts[i] = (counts[i] as number) + b.count;
    else {
      bounds.push(b.le);
      counts.push(b.count);
    }
  }
  const n = bounds.length;
  if (n < 2) return Number.NaN;
  return cumulativeQuantile(q, bounds, counts, n - 1);
}
