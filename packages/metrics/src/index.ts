export { formatFromContentType } from './exposition/content-type.js';
export { ExpositionParseError } from './exposition/parse-error.js';
export { parseExposition } from './exposition/parse-exposition.js';
export { formatNumber, serializeExposition } from './exposition/serialize-exposition.js';
export type {
  Exemplar,
  ExpositionFormat,
  HistogramBucket,
  MetricFamily,
  MetricSeries,
  MetricType,
  ParseExpositionOptions,
  SummaryQuantile,
} from './exposition/types.js';
export type { HistogramLike } from './histogram/bucket-distribution.js';
export {
  bucketDelta,
  cumulativeAt,
  cumulativeBuckets,
  toBucketDistribution,
} from './histogram/bucket-distribution.js';
export { counterDelta, counterRate } from './histogram/counter-delta.js';
export { distributionQuantile, quantilesOf } from './histogram/distribution-quantile.js';
export type { CumulativeBucket } from './histogram/histogram-quantile.js';
export { histogramQuantile } from './histogram/histogram-quantile.js';
export { mergeDistributions } from './histogram/merge-distributions.js';
export type { SummaryLike } from './histogram/summary-quantiles.js';
export { toSummaryQuantiles } from './histogram/summary-quantiles.js';
export type { DDSketchOptions } from './sketch/ddsketch.js';
export { DDSketch } from './sketch/ddsketch.js';
export type {
  BucketDistribution,
  InstanceSnapshot,
  LatencyDistribution,
  LatencyQuantiles,
  SketchDistribution,
  SnapshotCpu,
  SnapshotMemory,
  SnapshotRequests,
  SnapshotScrape,
  SummaryQuantiles,
} from './snapshot.js';
export { SNAPSHOT_VERSION } from './snapshot.js';
