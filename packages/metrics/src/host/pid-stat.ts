import { hostStatsError } from './host-stats-error.js';

/** The fields Governor reads from `/proc/<pid>/stat` (times in clock ticks). */
export interface PidStat {
  readonly pid: number;
  readonly comm: string;
  readonly state: string;
  readonly ppid: number;
  readonly utime: number;
  readonly stime: number;
  /** CPU time of reaped children. */
  readonly cutime: number;
  readonly cstime: number;
  readonly numThreads: number;
  /** Start time after boot, in clock ticks. */
  readonly startTime: number;
  readonly vsizeBytes: number;
  /** Resident set in pages. */
  readonly rssPages: number;
}

/**
 * Parses `/proc/<pid>/stat`. The command name is in parentheses and may
 * itself contain spaces and parentheses, so fields are counted from the last `)`.
 */
export function parsePidStat(text: string): PidStat {
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  if (open === -1 || close < open) throw hostStatsError('/proc/<pid>/stat', 'no "(comm)" field');
  const pid = Number(text.slice(0, open).trim());
  const f = text
    .slice(close + 1)
    .trim()
    .split(/\s+/);
  if (!Number.isInteger(pid) || f.length < 22) throw hostStatsError('/proc/<pid>/stat', 'too few fields');
  const num = (i: number): number => {
    const n = Number(f[i]);
    if (!Number.isFinite(n)) throw hostStatsError('/proc/<pid>/stat', `field ${i + 3} is not a number`);
    return n;
  };
  return {
    pid,
    comm: text.slice(open + 1, close),
    state: f[0] as string,
    ppid: num(1),
    utime: num(11),
    stime: num(12),
    cutime: num(13),
    cstime: num(14),
    numThreads: num(17),
    startTime: num(19),
    vsizeBytes: num(20),
    rssPages: num(21),
  };
}

/** `/proc/<pid>/statm`, in pages. */
export interface PidStatm {
  readonly size: number;
  readonly resident: number;
  readonly shared: number;
  readonly text: number;
  readonly data: number;
}

/** Parses `/proc/<pid>/statm` (`size resident shared text lib data dt`). */
export function parsePidStatm(text: string): PidStatm {
  const f = text.trim().split(/\s+/).map(Number);
  if (f.length < 7 || f.some((n) => !Number.isInteger(n) || n < 0)) {
    throw hostStatsError('/proc/<pid>/statm', `malformed "${text.trim()}"`);
  }
  const at = (i: number): number => f[i] as number;
  return { size: at(0), resident: at(1), shared: at(2), text: at(3), data: at(5) };
}

/** The pids of `rootPid` and all its descendants among `stats` (by ppid). */
export function processTreePids(stats: readonly PidStat[], rootPid: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const s of stats) {
    const list = children.get(s.ppid) ?? [];
    list.push(s.pid);
    children.set(s.ppid, list);
  }
  const tree = new Set<number>();
  if (!stats.some((s) => s.pid === rootPid)) return tree;
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    if (tree.has(pid)) continue;
    tree.add(pid);
    for (const child of children.get(pid) ?? []) queue.push(child);
  }
  return tree;
}

/** What a process tree uses: CPU ticks (own and reaped children) and resident memory. */
export interface ProcessTreeUsage {
  readonly pids: number;
  readonly cpuTicks: number;
  readonly rssBytes: number;
}

/**
 * Sums CPU ticks (utime + stime + cutime + cstime) and resident memory of the
 * tree rooted at `rootPid`. `statm` (by pid) gives resident pages when
 * present, else the stat file's rss is used. `pageSize` defaults to 4096.
 */
export function processTreeUsage(
  stats: readonly PidStat[],
  rootPid: number,
  statm: ReadonlyMap<number, PidStatm> = new Map(),
  pageSize = 4096,
): ProcessTreeUsage {
  const pids = processTreePids(stats, rootPid);
  let cpuTicks = 0;
  let pages = 0;
  for (const s of stats) {
    if (!pids.has(s.pid)) continue;
    cpuTicks += s.utime + s.stime + s.cutime + s.cstime;
    pages += statm.get(s.pid)?.resident ?? s.rssPages;
  }
  return { pids: pids.size, cpuTicks, rssBytes: pages * pageSize };
}
