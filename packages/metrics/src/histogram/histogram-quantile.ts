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
 */
export function histogramQuantile(q: number, buckets: readonly CumulativeBucket[]): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  if (buckets.length === 0) return Number.NaN;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  const last = sorted[sorted.length - 1];
  if (last === undefined || last.le !== Number.POSITIVE_INFINITY) return Number.NaN;

  // Coalesce equal bounds, then force monotonic counts.
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
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i] as number;
    if (c > max) max = c;
    else if (c < max) counts[i] = max;
  }
  const n = bounds.length;
  if (n < 2) return Number.NaN;
  const observations = counts[n - 1] as number;
  if (observations === 0 || Number.isNaN(observations)) return Number.NaN;

  let rank = q * observations;
  let b = 0;
  // First bucket (excluding +Inf) whose count reaches the rank.
  while (b < n - 1 && (counts[b] as number) < rank) b++;
  if (b === n - 1) return bounds[n - 2] as number;
  const upper = bounds[b] as number;
  if (b === 0 && upper <= 0) return upper;
  let lower = 0;
  let count = counts[b] as number;
  if (b > 0) {
    lower = bounds[b - 1] as number;
    const below = counts[b - 1] as number;
    count -= below;
    rank -= below;
  }
  return lower + (upper - lower) * (rank / count);
}
