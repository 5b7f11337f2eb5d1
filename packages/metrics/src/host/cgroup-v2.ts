import { parseFlatKeyed } from './flat-keyed.js';
import { hostStatsError, parseCount } from './host-stats-error.js';

/** cgroup v2 `cpu.stat`: CPU time in microseconds and throttling counters. */
export interface CgroupCpuStat {
  readonly usageUsec: number;
  readonly userUsec: number;
  readonly systemUsec: number;
  /** Enforcement periods, periods throttled and time throttled (0 when the file has no quota fields). */
  readonly nrPeriods: number;
  readonly nrThrottled: number;
  readonly throttledUsec: number;
}

/** Parses cgroup v2 `cpu.stat`. */
export function parseCgroupV2CpuStat(text: string): CgroupCpuStat {
  const kv = parseFlatKeyed('cpu.stat', text);
  if (kv.usage_usec === undefined) throw hostStatsError('cpu.stat', 'no usage_usec line');
  return {
    usageUsec: kv.usage_usec,
    userUsec: kv.user_usec ?? 0,
    systemUsec: kv.system_usec ?? 0,
    nrPeriods: kv.nr_periods ?? 0,
    nrThrottled: kv.nr_throttled ?? 0,
    throttledUsec: kv.throttled_usec ?? 0,
  };
}

/** A CPU bandwidth limit: `quotaUsec` per `periodUsec`, or no quota. */
export interface CpuMax {
  /** Microseconds of CPU per period; undefined when unlimited (`max`). */
  readonly quotaUsec: number | undefined;
  readonly periodUsec: number;
}

/** Parses cgroup v2 `cpu.max` (`$MAX $PERIOD`, `$MAX` may be `max`; the period defaults to 100000). */
export function parseCpuMax(text: string): CpuMax {
  const parts = text.trim().split(/\s+/);
  const [max, period] = parts;
  if (max === undefined || max === '' || parts.length > 2)
    throw hostStatsError('cpu.max', `malformed "${text.trim()}"`);
  const periodUsec = period === undefined ? 100_000 : parseCount('cpu.max', 'period', period);
  if (periodUsec === 0) throw hostStatsError('cpu.max', 'period is 0');
  const quotaUsec = max === 'max' ? undefined : parseCount('cpu.max', 'quota', max);
  return { quotaUsec, periodUsec };
}

/** The CPU limit in cores of a `cpu.max` (quota / period), undefined when unlimited. */
export function cpuMaxCores(cpuMax: CpuMax): number | undefined {
  return cpuMax.quotaUsec === undefined ? undefined : cpuMax.quotaUsec / cpuMax.periodUsec;
}

/** Parses a single-number memory file (`memory.current`, v1 `memory.usage_in_bytes`). */
export function parseMemoryBytes(text: string, file = 'memory.current'): number {
  return parseCount(file, 'bytes', text);
}

/** Parses cgroup v2 `memory.max`: bytes, or undefined for `max` (no limit). */
export function parseMemoryMax(text: string): number | undefined {
  return text.trim() === 'max' ? undefined : parseCount('memory.max', 'bytes', text);
}

/** Parses `memory.stat` (v1 or v2) into a key -> bytes/count map. */
export function parseMemoryStat(text: string): Record<string, number> {
  return parseFlatKeyed('memory.stat', text);
}

/**
 * The working set as kubelet and cAdvisor define it: usage minus inactive
 * file cache (reclaimable), never below 0. Reads `inactive_file` (v2) or
 * `total_inactive_file` (v1).
 */
export function workingSetBytes(usageBytes: number, memoryStat: Readonly<Record<string, number>>): number {
  const inactive = memoryStat.inactive_file ?? memoryStat.total_inactive_file ?? 0;
  return Math.max(0, usageBytes - inactive);
}
