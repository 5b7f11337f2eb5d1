/**
 * The q-quantile of cumulative bucket counts, the interpolation step of
 * PromQL's `histogram_quantile`, for callers that already hold the counts in
 * bound order with equal bounds added together (`histogramQuantile` after it
 * sorts and coalesces, or a caller that sums same-bound histograms itself):
 *
 * - `counts[i]` is the number of observations at or below `bounds[i]` for the
 *   `finite` finite bounds (ascending), and `counts[finite]` the total (the
 *   `+Inf` bucket); `q` is within [0, 1]
 * - counts that decrease are raised to the running maximum, in place
 *   (monotonicity repair)
 * - a total of zero or NaN (after the repair) -> NaN
 * - the rank falls in the `+Inf` bucket -> the highest finite bound
 * - the rank falls in the lowest bucket -> its upper bound when that bound is
 *   <= 0, otherwise linear interpolation from 0
 * - otherwise linear interpolation inside the bucket holding the rank.
 */
export function cumulativeQuantile(
  q: number,
  bounds: ArrayLike<number>,
  counts: number[],
  finite: number,
): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i <= finite; i++) {
    const c = counts[i] as number;
    if (c > max) max = c;
    else if (c < max) counts[i] = max;
  }
  const observations = counts[finite] as number;
  if (observations === 0 || Number.isNaN(observations)) return Number.NaN;

  let rank = q * observations;
  let b = 0;
  // First finite bucket whose count reaches the rank.
  while (b < finite && (counts[b] as number) < rank) b++;
  if (b === finite) return bounds[finite - 1] as number;
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
