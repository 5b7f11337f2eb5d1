import { readFile } from 'node:fs/promises';
import { GovernorError } from '@governor/errors';
import { type HostSample, type HostStatsSource, monotonicMs } from './host-stats.js';

/** Options for {@link SystemStats}. */
export interface SystemStatsOptions {
  /** procfs mount. Default `/proc`. */
  procRoot?: string;
  /** Clock ticks per second of /proc/stat (USER_HZ). Default 100. */
  ticksPerSecond?: number;
  /** Monotonic clock, ms. */
  clock?: () => number;
}

/**
 * CPU and memory of the whole machine, for a VM that is the instance (a Fly
 * Machine without cgroup v2): busy time (user, nice, system, irq, softirq)
 * from /proc/stat, working set as
 * `MemTotal - MemAvailable` from /proc/meminfo.
 */
export class SystemStats implements HostStatsSource {
  readonly description = 'system';
  private readonly proc: string;

  constructor(private readonly options: SystemStatsOptions = {}) {
    this.proc = options.procRoot ?? '/proc';
  }

  async read(): Promise<HostSample> {
    try {
      const [stat, meminfo] = await Promise.all([
        readFile(`${this.proc}/stat`, 'utf8'),
        readFile(`${this.proc}/meminfo`, 'utf8'),
      ]);
      const lines = stat.split('\n');
      const total = lines[0]?.split(/\s+/) ?? [];
      if (total[0] !== 'cpu') throw new Error('/proc/stat does not start with the cpu line');
      // user nice system idle iowait irq softirq steal: busy is the work done on this
      // machine's behalf; idle, iowait and steal (the hypervisor ran someone else) are not.
      const f = total.slice(1, 9).map((v) => {
        const n = Number(v);
        return Number.isFinite(n) ? n : 0;
      });
      const busy = (f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0);
      const cores = lines.filter((l) => /^cpu\d+ /.test(l)).length;
      const kb = (key: string): number => {
        const line = meminfo.split('\n').find((l) => l.startsWith(`${key}:`));
        return line ? Number(line.split(/\s+/)[1]) * 1024 : Number.NaN;
      };
      const memTotal = kb('MemTotal');
      const available = kb('MemAvailable');
      if (!Number.isFinite(memTotal) || !Number.isFinite(available))
        throw new Error('meminfo lacks MemTotal');
      return {
        atMs: (this.options.clock ?? monotonicMs)(),
        cpuSeconds: busy / (this.options.ticksPerSecond ?? 100),
        limitCores: Math.max(1, cores),
        workingSetBytes: memTotal - available,
        limitBytes: memTotal,
      };
    } catch (cause) {
      throw new GovernorError('GOV_COLLECTOR_HOST_STATS', `cannot read machine stats from ${this.proc}`, {
        cause,
      });
    }
  }
}
