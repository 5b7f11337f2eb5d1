/**
 * `InstanceSnapshot`: what one collector says about one instance over one
 * window. Versioned JSON; the contract between the collector, the bus and the
 * autoscaler.
 */

/**
 * A latency histogram over one window in Prometheus form: cumulative counts
 * per upper bound (`le`, seconds, ascending, without +Inf) and the total
 * count (the +Inf bucket). Mergeable across instances with the same bounds.
 */
export interface BucketDistribution {
  readonly kind: 'buckets';
  /** Upper bounds in seconds, ascending, finite (the +Inf bucket is `count`). */
  readonly bounds: readonly number[];
  /** Cumulative counts, one per bound. */
  readonly cumulative: readonly number[];
  /** Total observations in the window (the +Inf bucket). */
  readonly count: number;
  /** Sum of observed values in seconds. */
  readonly sum: number;
}

/**
 * A DDSketch (relative-accuracy quantile sketch) over one window, for latency
 * samples that do not come as histograms. Mergeable when `relativeAccuracy`
 * matches.
 */
export interface SketchDistribution {
  readonly kind: 'ddsketch';
  /** Relative accuracy alpha, e.g. 0.01. */
  readonly relativeAccuracy: number;
  /** Count of values at or below the sketch's minimum indexable value. */
  readonly zeroCount: number;
  /** Bucket index -> count, for positive values. */
  readonly bins: Readonly<Record<string, number>>;
  readonly count: number;
  readonly sum: number;
}

/**
 * Quantiles precomputed by the app (a Prometheus summary). Reported per
 * instance only: summaries are not mergeable.
 */
export interface SummaryQuantiles {
  readonly kind: 'summary';
  readonly mergeable: false;
  /** Quantile (0.5, 0.9, 0.99) -> seconds. Keys are the quantile as a string. */
  readonly quantiles: Readonly<Record<string, number>>;
  readonly count: number;
  readonly sum: number;
}

export type LatencyDistribution = BucketDistribution | SketchDistribution | SummaryQuantiles;

/** Per-window quantiles in seconds, for display. Fleet quantiles come from merging distributions. */
export interface LatencyQuantiles {
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export interface SnapshotCpu {
  /** Utilisation as a fraction of the limit (quota, or cores when unlimited). 0..1 (may exceed 1 briefly). */
  readonly utilization: number;
  /** The limit in cores (quota/period, or the host's cores). */
  readonly limitCores: number;
}

export interface SnapshotMemory {
  /** Working set / limit. */
  readonly utilization: number;
  readonly workingSetBytes: number;
  readonly limitBytes: number;
}

export interface SnapshotRequests {
  /** Requests per second over the window. */
  readonly rate: number;
  /** Share of 5xx responses, 0..1 (0 when there were no requests). */
  readonly errorRatio: number;
  /** Requests counted in the window. */
  readonly count: number;
}

/**
 * Network I/O of the instance's network namespace over one window, loopback
 * excluded: the kernel's cumulative interface counters differenced between
 * two readings (a counter that went down counts from 0).
 */
export interface SnapshotNetwork {
  /** Bytes received per second over the window. */
  readonly receiveBytesPerSecond: number;
  /** Bytes transmitted per second over the window. */
  readonly transmitBytesPerSecond: number;
  /** Bytes received in the window. */
  readonly receiveBytes: number;
  /** Bytes transmitted in the window. */
  readonly transmitBytes: number;
}

/**
 * Block-device I/O of the instance over one window (cgroup io.stat or blkio
 * bytes, else the storage bytes of /proc/<pid>/io), differenced like
 * {@link SnapshotNetwork}.
 */
export interface SnapshotDisk {
  readonly readBytesPerSecond: number;
  readonly writeBytesPerSecond: number;
  /** Bytes read from storage in the window. */
  readonly readBytes: number;
  /** Bytes written to storage in the window. */
  readonly writeBytes: number;
}

/** Open connections of the instance at the end of the window. */
export interface SnapshotConnections {
  /** TCP sockets (IPv4 and IPv6) in state ESTABLISHED held by the instance's processes. */
  readonly established: number;
}

export interface SnapshotScrape {
  /** Whether the last scrape in the window succeeded. */
  readonly up: boolean;
  /** Successful and failed scrapes in the window. */
  readonly ok: number;
  readonly failed: number;
  /** Last error, human-readable, when up is false. */
  readonly lastError?: string;
}

/** What one collector says about one instance over one window. */
export interface InstanceSnapshot {
  readonly version: 1;
  readonly app: string;
  readonly instance: string;
  readonly region: string;
  /** Private address (host:port) of the instance, when known. */
  readonly address?: string;
  /** Window start and end, ms since epoch. */
  readonly windowStart: number;
  readonly windowEnd: number;
  /** The app answered its scrape and health checks in this window. */
  readonly ready: boolean;
  readonly cpu?: SnapshotCpu;
  readonly memory?: SnapshotMemory;
  readonly requests?: SnapshotRequests;
  readonly latency?: LatencyDistribution;
  readonly quantiles?: LatencyQuantiles;
  /** Network I/O (absent in snapshots of older collectors, or when the kernel does not expose it). */
  readonly network?: SnapshotNetwork;
  /** Disk I/O (absent in snapshots of older collectors, or when the kernel does not expose it). */
  readonly disk?: SnapshotDisk;
  /** Open connections (absent in snapshots of older collectors, or when unreadable). */
  readonly connections?: SnapshotConnections;
  /** Custom gauges named in the policy: name -> value. */
  readonly custom: Readonly<Record<string, number>>;
  readonly scrape: SnapshotScrape;
}

/** The current snapshot schema version. */
export const SNAPSHOT_VERSION = 1 as const;
