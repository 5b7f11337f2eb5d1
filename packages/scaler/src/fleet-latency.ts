import { isGovernorError } from '@governor/errors';
import { distributionQuantile, type LatencyDistribution, mergeDistributions } from '@governor/metrics';

/** A fleet latency quantile and how it was obtained. */
export interface FleetQuantile {
  /** Milliseconds. */
  readonly ms: number;
  /** Observations behind it (0 when no request was seen). */
  readonly count: number;
  /** `merged` (histograms or sketches), or `max-of-summaries` (summaries do not merge). */
  readonly method: 'merged' | 'max-of-summaries';
}

/**
 * The fleet quantile `q` (0..1) of the machines' latency distributions,
 * the one seam between the scaler and the distribution maths: mergeable
 * distributions are merged with `@governor/metrics` `mergeDistributions`,
 * then `distributionQuantile` is taken (averaging or taking the max of
 * per-machine quantiles is wrong). Zero observations give 0 ms with count 0.
 * When only summaries were reported (not mergeable), the largest
 * per-machine quantile is used as a conservative stand-in. Returns
 * undefined when nothing usable was reported (or the kinds cannot be merged).
 */
export function fleetQuantile(dists: readonly LatencyDistribution[], q: number): FleetQuantile | undefined {
  if (dists.length === 0) return undefined;
  let merged: LatencyDistribution | undefined;
  try {
    merged = mergeDistributions(dists);
  } catch (err) {
    if (isGovernorError(err)) return undefined;
    throw err;
  }
  if (merged !== undefined) {
    if (merged.count === 0) return { ms: 0, count: 0, method: 'merged' };
    const s = distributionQuantile(merged, q);
    return Number.isFinite(s) ? { ms: s * 1000, count: merged.count, method: 'merged' } : undefined;
  }
  let max: number | undefined;
  let count = 0;
  for (const d of dists) {
    if (d.kind !== 'summary') continue;
    count += d.count;
    const v = d.quantiles[String(q)];
    if (v !== undefined && Number.isFinite(v) && (max === undefined || v > max)) max = v;
  }
  return max === undefined ? undefined : { ms: max * 1000, count, method: 'max-of-summaries' };
}
