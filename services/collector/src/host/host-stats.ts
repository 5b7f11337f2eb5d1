import type { SnapshotCpu, SnapshotMemory } from '@governor/metrics';

/** One reading of the instance's CPU and memory counters. */
export interface HostSample {
  /** Monotonic time of the reading, ms (only differences matter). */
  readonly atMs: number;
  /** CPU time consumed so far, seconds (cumulative). */
  readonly cpuSeconds: number;
  /** The CPU limit, cores. */
  readonly limitCores: number;
  readonly workingSetBytes: number;
  readonly limitBytes: number;
}

/** Where CPU and memory of an instance come from (a cgroup, a process tree, the whole machine). */
export interface HostStatsSource {
  /** `cgroup:/sys/fs/cgroup`, `process:1234`, `system`. */
  readonly description: string;
  /** Reads the counters now; rejects with `GOV_COLLECTOR_HOST_STATS`. */
  read(): Promise<HostSample>;
}

/**
 * CPU utilisation between two readings as a fraction of the limit, and
 * memory as of the later one. CPU is undefined when no time passed or the
 * counter went backwards (a new cgroup or process).
 */
export function usageBetween(
  prev: HostSample | undefined,
  cur: HostSample,
): { cpu?: SnapshotCpu; memory: SnapshotMemory } {
  const memory: SnapshotMemory = {
    workingSetBytes: cur.workingSetBytes,
    limitBytes: cur.limitBytes,
    utilization: cur.limitBytes > 0 ? cur.workingSetBytes / cur.limitBytes : 0,
  };
  if (!prev) return { memory };
  const wallSeconds = (cur.atMs - prev.atMs) / 1000;
  const used = cur.cpuSeconds - prev.cpuSeconds;
  if (wallSeconds <= 0 || used < 0 || cur.limitCores <= 0) return { memory };
  return { cpu: { utilization: used / wallSeconds / cur.limitCores, limitCores: cur.limitCores }, memory };
}

/** Monotonic milliseconds. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1000n) / 1000;
}
