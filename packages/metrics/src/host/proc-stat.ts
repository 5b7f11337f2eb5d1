import { hostStatsError } from './host-stats-error.js';

/** Aggregate CPU time from `/proc/stat`, in clock ticks (USER_HZ, usually 100/s). */
export interface ProcCpuTimes {
  readonly user: number;
  readonly nice: number;
  readonly system: number;
  readonly idle: number;
  readonly iowait: number;
  readonly irq: number;
  readonly softirq: number;
  readonly steal: number;
}

/** What Governor reads from `/proc/stat`. */
export interface ProcStat {
  /** The aggregate `cpu` line. */
  readonly cpu: ProcCpuTimes;
  /** Number of `cpuN` lines: the host's online CPUs. */
  readonly cpuCount: number;
  /** Boot time, seconds since the epoch (`btime`), when present. */
  readonly bootTime?: number;
}

/** Parses `/proc/stat`. */
export function parseProcStat(text: string): ProcStat {
  let cpu: ProcCpuTimes | undefined;
  let cpuCount = 0;
  let bootTime: number | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('cpu ')) {
      const f = line.trim().split(/\s+/).slice(1).map(Number);
      if (f.length < 4 || f.some((n) => !Number.isFinite(n)))
        throw hostStatsError('/proc/stat', `malformed "${line}"`);
      const at = (i: number): number => f[i] ?? 0;
      cpu = {
        user: at(0),
        nice: at(1),
        system: at(2),
        idle: at(3),
        iowait: at(4),
        irq: at(5),
        softirq: at(6),
        steal: at(7),
      };
    } else if (/^cpu\d+ /.test(line)) {
      cpuCount++;
    } else if (line.startsWith('btime ')) {
      bootTime = Number(line.slice(6).trim());
    }
  }
  if (cpu === undefined) throw hostStatsError('/proc/stat', 'no aggregate "cpu" line');
  return bootTime === undefined || Number.isNaN(bootTime) ? { cpu, cpuCount } : { cpu, cpuCount, bootTime };
}

/**
 * The busy fraction of the whole host between two `/proc/stat` readings:
 * non-idle ticks / all ticks (idle includes iowait). NaN when no ticks passed.
 */
export function hostCpuBusyFraction(prev: ProcStat, cur: ProcStat): number {
  const total = (c: ProcCpuTimes): number =>
    c.user + c.nice + c.system + c.idle + c.iowait + c.irq + c.softirq + c.steal;
  const idle = (c: ProcCpuTimes): number => c.idle + c.iowait;
  const dTotal = total(cur.cpu) - total(prev.cpu);
  if (!(dTotal > 0)) return Number.NaN;
  const dIdle = idle(cur.cpu) - idle(prev.cpu);
  return Math.min(1, Math.max(0, (dTotal - dIdle) / dTotal));
}
