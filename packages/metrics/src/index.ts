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
