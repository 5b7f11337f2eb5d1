/**
 * Holds a per-region desired fleet within the app's [min, max], in place:
 * above `max` each region keeps its share (floor of its share of max, the
 * remainder to the largest fractional parts); below `min` the first region
 * takes the missing machines. Shared by the baselines that compute a fleet
 * from the ideal count instead of through `decide`.
 */
export function holdWithinBounds(
  desired: Record<string, number>,
  regions: readonly string[],
  min: number,
  max: number,
): void {
  let total = regions.reduce((a, r) => a + (desired[r] ?? 0), 0);
  if (total > max) {
    const exact = regions.map((r) => ((desired[r] ?? 0) * max) / total);
    regions.forEach((r, i) => {
      desired[r] = Math.floor(exact[i] ?? 0);
    });
    let left = max - regions.reduce((a, r) => a + (desired[r] ?? 0), 0);
    const order = regions
      .map((r, i) => ({ r, frac: (exact[i] ?? 0) - Math.floor(exact[i] ?? 0) }))
      .sort((a, b) => b.frac - a.frac);
    for (const { r } of order) {
      if (left <= 0) break;
      desired[r] = (desired[r] ?? 0) + 1;
      left--;
    }
    total = max;
  }
  if (total < min && regions.length > 0) {
    const first = regions[0] ?? '';
    desired[first] = (desired[first] ?? 0) + (min - total);
  }
}

/**
 * The fleet each region's ideal series asks for over ticks `from..to`
 * (inclusive, clipped to the series): its largest ideal count there, held
 * within [min, max] by {@link holdWithinBounds}.
 */
export function idealOver(
  regions: readonly string[],
  ideal: readonly Int32Array[],
  from: number,
  to: number,
  min: number,
  max: number,
): Record<string, number> {
  const desired: Record<string, number> = {};
  regions.forEach((r, ri) => {
    const series = ideal[ri] ?? new Int32Array(0);
    let need = 0;
    const end = Math.min(series.length - 1, to);
    for (let k = Math.max(0, from); k <= end; k++) need = Math.max(need, series[k] ?? 0);
    desired[r] = need;
  });
  holdWithinBounds(desired, regions, min, max);
  return desired;
}
