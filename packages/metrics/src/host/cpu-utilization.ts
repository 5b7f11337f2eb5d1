import { counterDelta } from '../histogram/counter-delta.js';

/** A cumulative CPU usage reading (cgroup `usage_usec`, or process ticks converted). */
export interface CpuReading {
  /** Cumulative CPU time in microseconds. */
  readonly usageUsec: number;
  /** When it was read, ms since the epoch (the caller's clock). */
  readonly timestampMs: number;
}

/**
 * CPU utilisation between two readings as a fraction of the limit:
 * CPU seconds used / wall seconds / `limitCores`. 1 means the whole limit was
 * used (it can briefly exceed 1). A usage counter that went down (the cgroup
 * was recreated) counts from 0. NaN when no time passed or the limit is not
 * positive.
 */
export function cpuUtilization(prev: CpuReading, cur: CpuReading, limitCores: number): number {
  const elapsedMs = cur.timestampMs - prev.timestampMs;
  if (!(elapsedMs > 0) || !(limitCores > 0)) return Number.NaN;
  const usedSeconds = counterDelta(prev.usageUsec, cur.usageUsec) / 1e6;
  return usedSeconds / (elapsedMs / 1000) / limitCores;
}

/**
 * The CPU limit in cores: the cgroup quota in cores when there is one (never
 * more than the host has), else the host's CPU count.
 */
export function cpuLimitCores(quotaCores: number | undefined, hostCpus: number): number {
  return quotaCores === undefined ? hostCpus : Math.min(quotaCores, hostCpus);
}

/** Clock ticks (from `/proc/<pid>/stat`) to microseconds. `ticksPerSecond` is USER_HZ, default 100. */
export function ticksToUsec(ticks: number, ticksPerSecond = 100): number {
  return (ticks * 1e6) / ticksPerSecond;
}

/** Working set / limit, NaN when the limit is not positive. */
export function memoryUtilization(workingSetBytes: number, limitBytes: number): number {
  return limitBytes > 0 ? workingSetBytes / limitBytes : Number.NaN;
}
