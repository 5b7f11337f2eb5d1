import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { GovernorError } from '@governor/errors';
import { type HostSample, type HostStatsSource, monotonicMs } from './host-stats.js';

/** Options for {@link ProcessTreeStats}. */
export interface ProcessTreeStatsOptions {
  /** Root process of the instance. */
  pid: number;
  /** procfs mount. Default `/proc`. */
  procRoot?: string;
  /** Clock ticks per second of utime/stime (USER_HZ). Default 100. */
  ticksPerSecond?: number;
  /** Page size of statm, bytes. Default 4096. */
  pageSize?: number;
  /** CPU limit, cores. Default: the machine's available parallelism. */
  limitCores?: number;
  /** Memory limit, bytes. Default: the machine's total memory. */
  limitBytes?: number;
  /** Monotonic clock, ms. */
  clock?: () => number;
}

/** Fields of /proc/<pid>/stat that matter here. */
export interface PidStat {
  readonly pid: number;
  readonly ppid: number;
  /** utime + stime, clock ticks. */
  readonly ticks: number;
}

/** Parses /proc/<pid>/stat (the command may contain spaces and parentheses). */
export function parsePidStatLine(text: string): PidStat | undefined {
  const close = text.lastIndexOf(')');
  if (close < 0) return undefined;
  const pid = Number(text.slice(0, text.indexOf(' ')));
  // After ") ": state(3) ppid(4) ... utime(14) stime(15); index 0 here is field 3.
  const rest = text.slice(close + 2).split(' ');
  const ppid = Number(rest[1]);
  const ticks = Number(rest[11]) + Number(rest[12]);
  return Number.isFinite(pid) && Number.isFinite(ppid) && Number.isFinite(ticks)
    ? { pid, ppid, ticks }
    : undefined;
}

/**
 * CPU and memory of a local process and all its descendants, from procfs:
 * utime+stime of every process in the tree, and resident set sizes summed.
 * CPU of children that already exited is not counted.
 */
export class ProcessTreeStats implements HostStatsSource {
  readonly description: string;
  private readonly proc: string;

  constructor(private readonly options: ProcessTreeStatsOptions) {
    this.proc = options.procRoot ?? '/proc';
    this.description = `process:${options.pid}`;
  }

  async read(): Promise<HostSample> {
    const root = this.options.pid;
    let rootStat: PidStat | undefined;
    try {
      rootStat = parsePidStatLine(await readFile(`${this.proc}/${root}/stat`, 'utf8'));
    } catch (cause) {
      throw new GovernorError('GOV_COLLECTOR_HOST_STATS', `process ${root} is gone or unreadable`, { cause });
    }
    if (!rootStat)
      throw new GovernorError('GOV_COLLECTOR_HOST_STATS', `cannot parse ${this.proc}/${root}/stat`);
    const all = await this.allStats();
    const tree = descendants(root, all);
    let ticks = rootStat.ticks;
    let pages = await this.rssPages(root);
    for (const s of tree) {
      ticks += s.ticks;
      pages += await this.rssPages(s.pid);
    }
    return {
      atMs: (this.options.clock ?? monotonicMs)(),
      cpuSeconds: ticks / (this.options.ticksPerSecond ?? 100),
      limitCores: this.options.limitCores ?? availableParallelism(),
      workingSetBytes: pages * (this.options.pageSize ?? 4096),
      limitBytes: this.options.limitBytes ?? totalmem(),
    };
  }

  private async allStats(): Promise<PidStat[]> {
    const names = await readdir(this.proc);
    const out: PidStat[] = [];
    for (const n of names) {
      if (!/^\d+$/.test(n)) continue;
      try {
        const s = parsePidStatLine(await readFile(`${this.proc}/${n}/stat`, 'utf8'));
        if (s) out.push(s);
      } catch {
        // exited while we looked
      }
    }
    return out;
  }

  private async rssPages(pid: number): Promise<number> {
    try {
      const statm = await readFile(`${this.proc}/${pid}/statm`, 'utf8');
      const rss = Number(statm.split(' ')[1]);
      return Number.isFinite(rss) ? rss : 0;
    } catch {
      return 0;
    }
  }
}

/** Every process below `root` in the parent tree (not `root` itself). */
export function descendants(root: number, all: readonly PidStat[]): PidStat[] {
  const children = new Map<number, PidStat[]>();
  for (const s of all) {
    const list = children.get(s.ppid);
    if (list) list.push(s);
    else children.set(s.ppid, [s]);
  }
  const out: PidStat[] = [];
  const queue = [root];
  const seen = new Set<number>([root]);
  while (queue.length > 0) {
    const p = queue.shift() as number;
    for (const c of children.get(p) ?? []) {
      if (seen.has(c.pid)) continue;
      seen.add(c.pid);
      out.push(c);
      queue.push(c.pid);
    }
  }
  return out;
}
