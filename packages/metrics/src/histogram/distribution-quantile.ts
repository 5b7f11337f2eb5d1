import { DDSketch } from '../sketch/ddsketch.js';
import type { LatencyDistribution, LatencyQuantiles } from '../snapshot.js';
import { cumulativeBuckets } from './bucket-distribution.js';
import { histogramQuantile } from './histogram-quantile.js';

/**
 * The q-quantile of a latency distribution in seconds: `histogram_quantile`
 * semantics for buckets, the sketch's estimate for a DDSketch, and for a
 * summary the app's own value for exactly that quantile (NaN when the app did
 * not export it: summaries cannot be interpolated).
 */
export function distributionQuantile(dist: LatencyDistribution, q: number): number {
  switch (dist.kind) {
    case 'buckets':
      return histogramQuantile(q, cumulativeBuckets(dist));
    case 'ddsketch':
      return DDSketch.fromJSON(dist).quantile(q);
    case 'summary':
      return dist.quantiles[String(q)] ?? Number.NaN;
  }
}

/** P50, P90 and P99 of a distribution (see {@link distributionQuantile}). */
export function quantilesOf(dist: LatencyDistribution): LatencyQuantiles {
  if (dist.kind === 'ddsketch') {
    const sketch = DDSketch.fromJSON(dist);
    return { p50: sketch.quantile(0.5), p90: sketch.quantile(0.9), p99: sketch.quantile(0.99) };
  }
  return {
    p50: distributionQuantile(dist, 0.5),
    p90: distributionQuantile(dist, 0.9),
    p99: distributionQuantile(dist, 0.99),
  };
}
