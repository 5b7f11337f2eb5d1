import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isGovernorError } from '@governor/errors';
import { afterEach, describe, expect, it } from 'vitest';
import { CgroupStats } from '../src/host/cgroup-stats.js';
import { usageBetween } from '../src/host/host-stats.js';
import { descendants, ProcessTreeStats, parsePidStatLine } from '../src/host/process-stats.js';
import { SystemStats } from '../src/host/system-stats.js';
import { type AppProcess, startApp } from './helpers/app-process.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe('cgroup v2 stats', () => {
  it('reads usage, the CPU quota, and the working set without inactive file pages', async () => {
    const s = await new CgroupStats({ root: fixture('cgroup-limited'), clock: () => 1000 }).read();
    expect(s).toEqual({
      atMs: 1000,
      cpuSeconds: 2.5,
      limitCores: 1.5,
      workingSetBytes: 536_870_912 - 100_000_000,
      limitBytes: 1_073_741_824,
    });
  });

  it('uses the machine size when cpu.max and memory.max say max', async () => {
    const s = await new CgroupStats({
      root: fixture('cgroup-unlimited'),
      hostCores: 4,
      hostMemoryBytes: 8e9,
    }).read();
    expect(s.limitCores).toBe(4);
    expect(s.limitBytes).toBe(8e9);
  });

  it('turns two readings into utilisation of the quota', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'governor-cgroup-'));
    try {
      cpSync(fixture('cgroup-limited'), dir, { recursive: true });
      let t = 0;
      const src = new CgroupStats({ root: dir, clock: () => t });
      const a = await src.read();
      writeFileSync(join(dir, 'cpu.stat'), 'usage_usec 5500000\n');
      t = 4000;
      const b = await src.read();
      // 3 s of CPU in 4 s with 1.5 cores allowed = 50%.
      expect(usageBetween(a, b).cpu).toEqual({ utilization: 0.5, limitCores: 1.5 });
      expect(usageBetween(a, b).memory.utilization).toBeCloseTo(436_870_912 / 1_073_741_824, 12);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with GOV_COLLECTOR_HOST_STATS when the cgroup files are missing', async () => {
    const err = await new CgroupStats({ root: '/nonexistent-cgroup' }).read().catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_COLLECTOR_HOST_STATS')).toBe(true);
  });
});

describe('process tree stats', () => {
  let app: AppProcess | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it('parses /proc/<pid>/stat with spaces and parentheses in the command', () => {
    const line =
      '4242 (my (odd) app) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 1 0 1000 100000 2000';
    expect(parsePidStatLine(line)).toEqual({ pid: 4242, ppid: 1, ticks: 300 });
  });

  it('walks the whole tree below a process', () => {
    const all = [
      { pid: 1, ppid: 0, ticks: 0 },
      { pid: 10, ppid: 1, ticks: 1 },
      { pid: 11, ppid: 10, ticks: 2 },
      { pid: 12, ppid: 11, ticks: 3 },
      { pid: 20, ppid: 1, ticks: 4 },
    ];
    expect(descendants(10, all).map((p) => p.pid)).toEqual([11, 12]);
  });

  it('measures the CPU and memory a real process reports about itself', async () => {
    app = await startApp();
    const src = new ProcessTreeStats({ pid: app.pid, limitCores: 1 });
    const before = await src.read();
    const selfBefore = JSON.parse(await app.get('/usage')) as { cpuSeconds: number };
    await app.get('/burn?ms=600');
    await app.get('/alloc?mb=64');
    const self = JSON.parse(await app.get('/usage')) as { cpuSeconds: number; rss: number };
    const after = await src.read();
    const measured = after.cpuSeconds - before.cpuSeconds;
    const reported = self.cpuSeconds - selfBefore.cpuSeconds;
    // procfs counts in 10 ms ticks and spans slightly more time than the app's own readings.
    expect(measured).toBeGreaterThanOrEqual(reported - 0.03);
    expect(measured).toBeLessThanOrEqual(reported + 0.15);
    expect(after.workingSetBytes).toBeGreaterThanOrEqual(before.workingSetBytes + 60 * 1024 * 1024);
    expect(Math.abs(after.workingSetBytes - self.rss) / self.rss).toBeLessThan(0.05);
  });

  it('fails with GOV_COLLECTOR_HOST_STATS once the process is gone', async () => {
    app = await startApp();
    const src = new ProcessTreeStats({ pid: app.pid });
    await app.stop();
    const err = await src.read().catch((e: unknown) => e);
    expect(isGovernorError(err, 'GOV_COLLECTOR_HOST_STATS')).toBe(true);
  });
});

describe('machine stats', () => {
  it('counts user, nice, system, irq and softirq as busy, not idle, iowait or steal', async () => {
    const s = await new SystemStats({ procRoot: fixture('proc-machine'), clock: () => 5 }).read();
    expect(s).toEqual({
      atMs: 5,
      cpuSeconds: (1000 + 50 + 250 + 20 + 30) / 100,
      limitCores: 2,
      workingSetBytes: (2_048_000 - 512_000) * 1024,
      limitBytes: 2_048_000 * 1024,
    });
  });

  it('reads busy CPU time and used memory of this machine', async () => {
    const src = new SystemStats();
    const a = await src.read();
    const b = await src.read();
    expect(a.limitCores).toBeGreaterThanOrEqual(1);
    expect(b.cpuSeconds).toBeGreaterThanOrEqual(a.cpuSeconds);
    expect(a.workingSetBytes).toBeGreaterThan(0);
    expect(a.workingSetBytes).toBeLessThan(a.limitBytes);
  });
});
