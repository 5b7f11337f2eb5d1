import { GovernorError } from '@governor/errors';
import { DDSketch } from '../sketch/ddsketch.js';
import type { BucketDistribution, LatencyDistribution, SketchDistribution } from '../snapshot.js';
import { cumulativeAt } from './bucket-distribution.js';

function mergeBuckets(dists: readonly BucketDistribution[]): BucketDistribution {
  const first = dists[0] as BucketDistribution;
  const same = dists.every(
    (d) => d.bounds.length === first.bounds.length && d.bounds.every((b, i) => b === first.bounds[i]),
  );
  let bounds: number[];
  if (same) bounds = [...first.bounds];
  else {
    const all = new Set<number>();
    for (const d of dists) for (const b of d.bounds) all.add(b);
    bounds = [...all].sort((a, b) => a - b);
  }
  const cumulative = bounds.map(() => 0);
  let count = 0;
  let sum = 0;
  for (const d of dists) {
    for (let i = 0; i < bounds.length; i++) {
      const c = same ? (d.cumulative[i] as number) : cumulativeAt(d, bounds[i] as number);
      cumulative[i] = (cumulative[i] as number) + c;
    }
    count += d.count;
    sum += d.sum;
  }
  return { kind: 'buckets', bounds, cumulative, count, sum };
}

function mergeSketches(dists: readonly SketchDistribution[]): SketchDistribution {
  const merged = DDSketch.fromJSON(dists[0] as SketchDistribution);
  for (let i = 1; i < dists.length; i++) merged.merge(DDSketch.fromJSON(dists[i] as SketchDistribution));
  return merged.toJSON();
}

/**
 * Merges per-instance latency distributions into one fleet distribution, so
 * fleet quantiles are quantiles of all observations (never an average or a
 * max of per-instance percentiles).
 *
 * - histograms with the same bounds add bucket by bucket; with different
 *   bounds they are merged on the union of bounds, each histogram's count
 *   at a bound it lacks linearly interpolated inside its bucket (the same
 *   assumption `histogram_quantile` makes)
 * - DDSketches merge exactly (same relative accuracy required)
 * - summaries are not mergeable and are left out
 *
 * Returns undefined when nothing mergeable remains. Throws
 * `GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS` when histograms and sketches are
 * mixed or sketch accuracies differ.
 */
export function mergeDistributions(dists: readonly LatencyDistribution[]): LatencyDistribution | undefined {
  const buckets: BucketDistribution[] = [];
  const sketches: SketchDistribution[] = [];
  for (const d of dists) {
    if (d.kind === 'buckets') buckets.push(d);
    else if (d.kind === 'ddsketch') sketches.push(d);
  }
  if (buckets.length > 0 && sketches.length > 0) {
    throw new GovernorError(
      'GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS',
      'cannot merge histogram buckets with DDSketches; report one kind of latency distribution per app',
    );
  }
  if (buckets.length > 0) return mergeBuckets(buckets);
  if (sketches.length > 0) return mergeSketches(sketches);
  return undefined;
}
