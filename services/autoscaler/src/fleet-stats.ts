import { type LatencyDistribution, mergeDistributions, quantilesOf } from '@governor/metrics';
import type { Observations } from '@governor/scaler';

/** The fleet view of one app at one tick (gauges, API, status table). */
export interface FleetStats {
  /** Machines with fresh metrics. */
  readonly reporting: number;
  /** Fleet latency quantiles in seconds, merged across machines. */
  readonly latency: { readonly p50?: number; readonly p90?: number; readonly p99?: number };
  /** Mean CPU / memory utilisation across machines that report it. */
  readonly cpu?: number;
  readonly memory?: number;
  /** Requests per second summed across machines. */
  readonly rps?: number;
  /** Request-weighted share of 5xx responses. */
  readonly errorRatio?: number;
}

/** Merged fleet distribution; undefined when nothing is mergeable (mixed kinds, summaries only). */
function mergeFleet(dists: readonly LatencyDistribution[]): LatencyDistribution | undefined {
  try {
    return mergeDistributions(dists);
  } catch {
    return undefined;
  }
}

function mean(values: number[]): number | undefined {
  return values.length === 0 ? undefined : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Aggregates the observed machines of one app into {@link FleetStats}. */
export function fleetStats(obs: Observations): FleetStats {
  const withMetrics = obs.machines.filter((m) => m.running && m.metrics);
  const cpu: number[] = [];
  const memory: number[] = [];
  const dists: LatencyDistribution[] = [];
  let rps = 0;
  let rpsSeen = false;
  let errors = 0;
  for (const m of withMetrics) {
    const x = m.metrics;
    if (!x) continue;
    if (x.cpu !== undefined) cpu.push(x.cpu);
    if (x.memory !== undefined) memory.push(x.memory);
    if (x.rps !== undefined) {
      rps += x.rps;
      rpsSeen = true;
      errors += x.rps * (x.errorRatio ?? 0);
    }
    if (x.latency) dists.push(x.latency);
  }
  const latency: { p50?: number; p90?: number; p99?: number } = {};
  const merged = mergeFleet(dists);
  if (merged && merged.count > 0) {
    const q = quantilesOf(merged);
    for (const k of ['p50', 'p90', 'p99'] as const) if (Number.isFinite(q[k])) latency[k] = q[k];
  }
  const cpuMean = mean(cpu);
  const memMean = mean(memory);
  return {
    reporting: withMetrics.length,
    latency,
    ...(cpuMean === undefined ? {} : { cpu: cpuMean }),
    ...(memMean === undefined ? {} : { memory: memMean }),
    ...(rpsSeen ? { rps, errorRatio: rps > 0 ? errors / rps : 0 } : {}),
  };
}
