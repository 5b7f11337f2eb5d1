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
export { cumulativeQuantile } from './histogram/cumulative-quantile.js';
export { distributionQuantile, quantilesOf } from './histogram/distribution-quantile.js';
export type { CumulativeBucket } from './histogram/histogram-quantile.js';
export { histogramQuantile } from './histogram/histogram-quantile.js';
export { mergeDistributions } from './histogram/merge-distributions.js';
export type { SummaryLike } from './histogram/summary-quantiles.js';
export { toSummaryQuantiles } from './histogram/summary-quantiles.js';
export { parseBlkioServiceBytes } from './host/blkio.js';
export { parseCfsLimitCores, parseCpuacctUsage, parseV1MemoryLimit } from './host/cgroup-v1.js';
export type { CgroupCpuStat, CpuMax } from './host/cgroup-v2.js';
export {
  cpuMaxCores,
  parseCgroupV2CpuStat,
  parseCpuMax,
  parseMemoryBytes,
  parseMemoryMax,
  parseMemoryStat,
  workingSetBytes,
} from './host/cgroup-v2.js';
export type { CpuReading } from './host/cpu-utilization.js';
export { cpuLimitCores, cpuUtilization, memoryUtilization, ticksToUsec } from './host/cpu-utilization.js';
export type { DiskBytes } from './host/disk-bytes.js';
export type { IoStatDevice } from './host/io-stat.js';
export { parseIoStat, sumDiskBytes } from './host/io-stat.js';
export type { Meminfo } from './host/meminfo.js';
export { parseMeminfo } from './host/meminfo.js';
export type { NetDevInterface } from './host/net-dev.js';
export { netDevTotals, parseNetDev } from './host/net-dev.js';
export type { PidIo } from './host/pid-io.js';
export { parsePidIo } from './host/pid-io.js';
export type { PidStat, PidStatm, ProcessTreeUsage } from './host/pid-stat.js';
export { parsePidStat, parsePidStatm, processTreePids, processTreeUsage } from './host/pid-stat.js';
export type { ProcCpuTimes, ProcStat } from './host/proc-stat.js';
export { hostCpuBusyFraction, parseProcStat } from './host/proc-stat.js';
export type { TcpSocket } from './host/tcp-sockets.js';
export { countEstablished, parseTcpTable, socketInode, TCP_ESTABLISHED } from './host/tcp-sockets.js';
export type { DDSketchOptions } from './sketch/ddsketch.js';
export { DDSketch } from './sketch/ddsketch.js';
export type {
  BucketDistribution,
  InstanceSnapshot,
  LatencyDistribution,
  LatencyQuantiles,
  SketchDistribution,
  SnapshotConnections,
  SnapshotCpu,
  SnapshotDisk,
  SnapshotMemory,
  SnapshotNetwork,
  SnapshotRequests,
  SnapshotScrape,
  SummaryQuantiles,
} from './snapshot.js';
export { SNAPSHOT_VERSION } from './snapshot.js';
