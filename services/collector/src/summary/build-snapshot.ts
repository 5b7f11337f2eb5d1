import type {
  BucketDistribution,
  InstanceSnapshot,
  LatencyDistribution,
  LatencyQuantiles,
  SnapshotConnections,
  SnapshotCpu,
  SnapshotDisk,
  SnapshotMemory,
  SnapshotNetwork,
  SnapshotRequests,
  SnapshotScrape,
} from '@governor/metrics';
import { mergeDistributions, quantilesOf } from '@governor/metrics';
import type { AppIncrease } from './window-deltas.js';

/** Who the snapshot is about. */
export interface SnapshotIdentity {
  readonly app: string;
  readonly instance: string;
  readonly region: string;
  readonly address?: string;
}

/** Inputs of {@link buildSnapshot}. */
export interface SnapshotParts {
  readonly identity: SnapshotIdentity;
  readonly windowStart: number;
  readonly windowEnd: number;
  /** Per target: what changed in the window (targets without two readings are left out). */
  readonly increases: readonly AppIncrease[];
  readonly cpu?: SnapshotCpu;
  readonly memory?: SnapshotMemory;
  readonly network?: SnapshotNetwork;
  readonly disk?: SnapshotDisk;
  readonly connections?: SnapshotConnections;
  readonly scrape: SnapshotScrape;
}

function quantilesOfBuckets(d: BucketDistribution): LatencyQuantiles | undefined {
  if (d.count <= 0) return undefined;
  const q = quantilesOf(d);
  return Number.isFinite(q.p50) && Number.isFinite(q.p90) && Number.isFinite(q.p99) ? q : undefined;
}

/** Assembles one window's snapshot from the per-target increases and the host usage. */
export function buildSnapshot(parts: SnapshotParts): InstanceSnapshot {
  const { increases } = parts;
  let requests: SnapshotRequests | undefined;
  const withRequests = increases.filter((x) => x.requests);
  if (withRequests.length > 0) {
    let count = 0;
    let errors = 0;
    let rate = 0;
    for (const x of withRequests) {
      const r = x.requests as { total: number; errors: number };
      count += r.total;
      errors += r.errors;
      if (x.seconds > 0) rate += r.total / x.seconds;
    }
    requests = { rate, count, errorRatio: count > 0 ? errors / count : 0 };
  }

  let latency: LatencyDistribution | undefined;
  let quantiles: LatencyQuantiles | undefined;
  const merged = mergeDistributions(increases.flatMap((x) => (x.latency ? [x.latency] : [])));
  if (merged?.kind === 'buckets') {
    latency = merged;
    quantiles = quantilesOfBuckets(merged);
  } else {
    const summary = increases.find((x) => x.summary)?.summary;
    if (summary) {
      latency = { kind: 'summary', mergeable: false, ...summary };
      const q = summary.quantiles;
      const [p50, p90, p99] = [q['0.5'], q['0.9'], q['0.99']];
      if (p50 !== undefined && p90 !== undefined && p99 !== undefined) quantiles = { p50, p90, p99 };
    }
  }

  const custom: Record<string, number> = {};
  for (const x of increases) for (const [k, v] of Object.entries(x.custom)) custom[k] = (custom[k] ?? 0) + v;

  return {
    version: 1,
    app: parts.identity.app,
    instance: parts.identity.instance,
    region: parts.identity.region,
    ...(parts.identity.address ? { address: parts.identity.address } : {}),
    windowStart: parts.windowStart,
    windowEnd: parts.windowEnd,
    ready: parts.scrape.up,
    ...(parts.cpu ? { cpu: parts.cpu } : {}),
    ...(parts.memory ? { memory: parts.memory } : {}),
    ...(requests ? { requests } : {}),
    ...(latency ? { latency } : {}),
    ...(quantiles ? { quantiles } : {}),
    ...(parts.network ? { network: parts.network } : {}),
    ...(parts.disk ? { disk: parts.disk } : {}),
    ...(parts.connections ? { connections: parts.connections } : {}),
    custom,
    scrape: parts.scrape,
  };
}
