import { parseCount } from './host-stats-error.js';

/** cgroup v1 `cpuacct.usage` (nanoseconds) as microseconds, comparable to v2 `usage_usec`. */
export function parseCpuacctUsage(text: string): number {
  return parseCount('cpuacct.usage', 'nanoseconds', text) / 1000;
}

/**
 * cgroup v1 CFS quota: `cpu.cfs_quota_us` (-1 = unlimited) and
 * `cpu.cfs_period_us`, as the limit in cores (undefined when unlimited).
 */
export function parseCfsLimitCores(quotaText: string, periodText: string): number | undefined {
  const quota = quotaText.trim();
  if (quota === '-1') return undefined;
  const period = parseCount('cpu.cfs_period_us', 'period', periodText);
  return period === 0 ? undefined : parseCount('cpu.cfs_quota_us', 'quota', quota) / period;
}

/**
 * cgroup v1 `memory.limit_in_bytes`. The kernel reports "no limit" as a huge
 * page-aligned number (9223372036854771712 on 64-bit); anything at or above
 * `hostMemoryBytes` (when given) or 2^62 is treated as no limit (undefined).
 */
export function parseV1MemoryLimit(text: string, hostMemoryBytes?: number): number | undefined {
  const limit = parseCount('memory.limit_in_bytes', 'bytes', text);
  if (limit >= 2 ** 62) return undefined;
  if (hostMemoryBytes !== undefined && limit >= hostMemoryBytes) return undefined;
  return limit;
}
