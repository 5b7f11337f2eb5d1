import { readdirSync, readFileSync } from 'node:fs';

/** Processes of this user whose environment has PORT in [lo, hi] and a GOVERNOR_INSTANCE_ID. */
export function instanceProcesses(lo: number, hi: number): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let env: string;
    try {
      env = readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    const vars = env.split('\0');
    const port = Number(vars.find((v) => v.startsWith('PORT='))?.slice(5));
    if (vars.some((v) => v.startsWith('GOVERNOR_INSTANCE_ID=')) && port >= lo && port <= hi)
      pids.push(Number(entry));
  }
  return pids;
}
