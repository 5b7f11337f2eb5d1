import { readFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { join } from 'node:path';
import { GovernorError } from '@governor/errors';
import { type HostSample, type HostStatsSource, monotonicMs } from './host-stats.js';

/** Options for {@link CgroupStats}. */
export interface CgroupStatsOptions {
  /** The cgroup v2 directory of the instance. Default `/sys/fs/cgroup`. */
  root?: string;
  /** Cores when cpu.max is `max`. Default: the machine's available parallelism. */
  hostCores?: number;
  /** Bytes when memory.max is `max`. Default: the machine's total memory. */
  hostMemoryBytes?: number;
  /** Monotonic clock, ms. */
  clock?: () => number;
}

/** Value of `key` in a flat keyed file (`usage_usec 123`). */
export function keyedValue(text: string, key: string): number | undefined {
  for (const line of text.split('\n')) {
    const sp = line.indexOf(' ');
    if (sp > 0 && line.slice(0, sp) === key) {
      const v = Number(line.slice(sp + 1));
      return Number.isFinite(v) ? v : undefined;
    }
  }
  return undefined;
}

/** Cores allowed by a cgroup v2 `cpu.max` (`<quota|max> <period>`), or undefined for no limit. */
export function coresFromCpuMax(text: string): number | undefined {
  const [quota, period] = text.trim().split(/\s+/);
  if (quota === undefined || quota === 'max') return undefined;
  const q = Number(quota);
  const p = Number(period ?? 100_000);
  return Number.isFinite(q) && Number.isFinite(p) && p > 0 && q > 0 ? q / p : undefined;
}

/**
 * CPU and memory of a cgroup v2: `cpu.stat` usage, `cpu.max` quota,
 * `memory.current` minus `inactive_file` (the working set, as the kubelet
 * counts it) and `memory.max`.
 */
export class CgroupStats implements HostStatsSource {
  readonly description: string;
  private readonly root: string;

  constructor(private readonly options: CgroupStatsOptions = {}) {
    this.root = options.root ?? '/sys/fs/cgroup';
    this.description = `cgroup:${this.root}`;
  }

  async read(): Promise<HostSample> {
    try {
      const [cpuStat, cpuMax, current, memStat, memMax] = await Promise.all([
        this.file('cpu.stat'),
        this.file('cpu.max', 'max 100000'),
        this.file('memory.current'),
        this.file('memory.stat'),
        this.file('memory.max', 'max'),
      ]);
      const usageUsec = keyedValue(cpuStat, 'usage_usec');
      if (usageUsec === undefined) throw new Error('cpu.stat has no usage_usec');
      const usage = Number(current.trim());
      const inactive = keyedValue(memStat, 'inactive_file') ?? 0;
      const maxText = memMax.trim();
      return {
        atMs: (this.options.clock ?? monotonicMs)(),
        cpuSeconds: usageUsec / 1e6,
        limitCores: coresFromCpuMax(cpuMax) ?? this.options.hostCores ?? availableParallelism(),
        workingSetBytes: Math.max(0, usage - inactive),
        limitBytes: maxText === 'max' ? (this.options.hostMemoryBytes ?? totalmem()) : Number(maxText),
      };
    } catch (cause) {
      throw new GovernorError('GOV_COLLECTOR_HOST_STATS', `cannot read cgroup v2 stats at ${this.root}`, {
        cause,
        details: { root: this.root },
      });
    }
  }

  private async file(name: string, fallback?: string): Promise<string> {
    try {
      return await readFile(join(this.root, name), 'utf8');
    } catch (err) {
      if (fallback !== undefined && (err as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
      throw err;
    }
  }
}
