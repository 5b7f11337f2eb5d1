import { readdir, readFile } from 'node:fs/promises';
import { descendants, type PidStat, parsePidStatLine } from './process-stats.js';

/**
 * The pids of `root` and its descendants, root first, from `<proc>/<n>/stat`.
 * Rejects when `root` is gone.
 */
export async function processTreePidList(proc: string, root: number): Promise<number[]> {
  await readFile(`${proc}/${root}/stat`, 'utf8');
  const all: PidStat[] = [];
  for (const n of await readdir(proc)) {
    if (!/^\d+$/.test(n)) continue;
    try {
      const s = parsePidStatLine(await readFile(`${proc}/${n}/stat`, 'utf8'));
      if (s) all.push(s);
    } catch {
      // exited while we looked
    }
  }
  return [root, ...descendants(root, all).map((s) => s.pid)];
}

/**
 * The pids in a cgroup's `cgroup.procs` (v1 or v2), in file order, without
 * `exclude` (the collector itself, when it runs in the instance's cgroup: its
 * scrape and bus connections are not the instance's). Rejects when none is left.
 */
export async function cgroupPidList(cgroupDir: string, exclude?: number): Promise<number[]> {
  const text = await readFile(`${cgroupDir}/cgroup.procs`, 'utf8');
  const pids = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^\d+$/.test(l))
    .map(Number)
    .filter((pid) => pid !== exclude);
  if (pids.length === 0) throw new Error(`${cgroupDir}/cgroup.procs lists no process of the instance`);
  return pids;
}
