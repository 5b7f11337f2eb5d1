import type { BucketDistribution, LatencyDistribution, SketchDistribution } from '@governor/metrics';

/** A fleet latency quantile and how it was obtained. */
export interface FleetQuantile {
  /** Milliseconds. */
  readonly ms: number;
  /** Observations behind it (0 when no request was seen). */
  readonly count: number;
  /** `merged-buckets`, `merged-sketch`, or `max-of-summaries` (summaries do not merge). */
  readonly method: 'merged-buckets' | 'merged-sketch' | 'max-of-summaries';
}

/**
 * The fleet quantile `q` (0..1) of the machines' latency distributions:
 * mergeable distributions are merged first, then the quantile is taken
 * (averaging or taking the max of per-machine quantiles is wrong).
 *
 * This is the one seam between the scaler and the distribution maths: it
 * will delegate to `@governor/metrics` `mergeDistributions` /
 * `distributionQuantile` once those are exported. Until then it merges
 * Prometheus buckets (same bounds) and DDSketches (same accuracy) itself.
 * Returns undefined when no machine reported a distribution.
 */
export function fleetQuantile(dists: readonly LatencyDistribution[], q: number): FleetQuantile | undefined {
  if (dists.length === 0) return undefined;
  const buckets: BucketDistribution[] = [];
  const sketches: SketchDistribution[] = [];
  let summaryMax: number | undefined;
  let summaryCount = 0;
  for (const d of dists) {
    if (d.kind === 'buckets') buckets.push(d);
    else if (d.kind === 'ddsketch') sketches.push(d);
    else {
      const v = d.quantiles[String(q)];
      summaryCount += d.count;
      if (v !== undefined && (summaryMax === undefined || v > summaryMax)) summaryMax = v;
    }
  }
  if (buckets.length > 0) return bucketQuantile(buckets, q);
  if (sketches.length > 0) return sketchQuantile(sketches, q);
  if (summaryMax === undefined) return undefined;
  return { ms: summaryMax * 1000, count: summaryCount, method: 'max-of-summaries' };
}

function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Prometheus `histogram_quantile` over the merged buckets (those sharing the first one's bounds). */
function bucketQuantile(list: readonly BucketDistribution[], q: number): FleetQuantile {
  const first = list[0] as BucketDistribution;
  const bounds = first.bounds;
  const cumulative = new Array<number>(bounds.length).fill(0);
  let count = 0;
  for (const d of list) {
    if (!sameBounds(d.bounds, bounds)) continue;
    for (let i = 0; i < bounds.length; i++)
      cumulative[i] = (cumulative[i] as number) + (d.cumulative[i] ?? 0);
    count += d.count;
  }
  if (count === 0) return { ms: 0, count: 0, method: 'merged-buckets' };
  const rank = q * count;
  for (let i = 0; i < bounds.length; i++) {
    const c = cumulative[i] as number;
    if (c >= rank) {
      const lower = i === 0 ? 0 : (bounds[i - 1] as number);
      const below = i === 0 ? 0 : (cumulative[i - 1] as number);
      const inBucket = c - below;
      const upper = bounds[i] as number;
      const s = inBucket === 0 ? upper : lower + ((upper - lower) * (rank - below)) / inBucket;
      return { ms: s * 1000, count, method: 'merged-buckets' };
    }
  }
  // In the +Inf bucket: Prometheus answers the highest finite bound.
  return { ms: (bounds[bounds.length - 1] ?? 0) * 1000, count, method: 'merged-buckets' };
}

/** DDSketch quantile over the merged sketches (those sharing the first one's accuracy). */
function sketchQuantile(list: readonly SketchDistribution[], q: number): FleetQuantile {
  const alpha = (list[0] as SketchDistribution).relativeAccuracy;
  const gamma = (1 + alpha) / (1 - alpha);
  const bins = new Map<number, number>();
  let zero = 0;
  let count = 0;
  for (const d of list) {
    if (d.relativeAccuracy !== alpha) continue;
    zero += d.zeroCount;
    count += d.count;
    for (const [k, v] of Object.entries(d.bins)) bins.set(Number(k), (bins.get(Number(k)) ?? 0) + v);
  }
  if (count === 0) return { ms: 0, count: 0, method: 'merged-sketch' };
  const rank = q * (count - 1);
  let seen = zero;
  if (seen > rank) return { ms: 0, count, method: 'merged-sketch' };
  const keys = [...bins.keys()].sort((a, b) => a - b);
  let last = 0;
  for (const k of keys) {
    seen += bins.get(k) ?? 0;
    last = k;
    if (seen > rank) break;
  }
  const value = (2 * gamma ** last) / (gamma + 1);
  return { ms: value * 1000, count, method: 'merged-sketch' };
}
