import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cpuLimitCores,
  cpuMaxCores,
  cpuUtilization,
  hostCpuBusyFraction,
  memoryUtilization,
  type PidStat,
  parseCfsLimitCores,
  parseCgroupV2CpuStat,
  parseCpuacctUsage,
  parseCpuMax,
  parseMeminfo,
  parseMemoryBytes,
  parseMemoryMax,
  parseMemoryStat,
  parsePidStat,
  parsePidStatm,
  parseProcStat,
  parseV1MemoryLimit,
  processTreePids,
  processTreeUsage,
  ticksToUsec,
  workingSetBytes,
} from '../../src/index.js';

const file = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'host', name), 'utf8');
const hostError = expect.objectContaining({ code: 'GOV_METRICS_HOST_STATS' });

describe('cgroup v2', () => {
  it('reads usage, user, system and throttling from cpu.stat', () => {
    expect(parseCgroupV2CpuStat(file('cgroup-v2-cpu.stat.txt'))).toEqual({
      usageUsec: 8512345678,
      userUsec: 6000000000,
      systemUsec: 2512345678,
      nrPeriods: 4200,
      nrThrottled: 37,
      throttledUsec: 1234567,
    });
  });

  it('reads cpu.max as quota/period cores, or no limit for "max"', () => {
    const limited = parseCpuMax(file('cgroup-v2-cpu.max.limited.txt'));
    expect(limited).toEqual({ quotaUsec: 150000, periodUsec: 100000 });
    expect(cpuMaxCores(limited)).toBe(1.5);
    expect(cpuMaxCores(parseCpuMax(file('cgroup-v2-cpu.max.unlimited.txt')))).toBeUndefined();
    expect(parseCpuMax('50000')).toEqual({ quotaUsec: 50000, periodUsec: 100000 });
  });

  it('computes the working set as usage minus inactive file cache', () => {
    const usage = parseMemoryBytes(file('cgroup-v2-memory.current.txt'));
    const stat = parseMemoryStat(file('cgroup-v2-memory.stat.txt'));
    expect(workingSetBytes(usage, stat)).toBe(536870912 - 134217728);
    expect(parseMemoryMax(file('cgroup-v2-memory.max.txt'))).toBe(1073741824);
    expect(parseMemoryMax('max\n')).toBeUndefined();
    expect(memoryUtilization(workingSetBytes(usage, stat), 1073741824)).toBe(0.375);
  });

  it('never reports a negative working set', () => {
    expect(workingSetBytes(100, { inactive_file: 500 })).toBe(0);
  });

  it.each([
    ['cpu.stat without usage_usec', () => parseCgroupV2CpuStat('user_usec 1\n')],
    ['cpu.stat with a malformed line', () => parseCgroupV2CpuStat('usage_usec x\n')],
    ['cpu.max with garbage', () => parseCpuMax('lots 100000')],
    ['cpu.max with a zero period', () => parseCpuMax('1000 0')],
    ['memory.current that is not a number', () => parseMemoryBytes('12k')],
  ])('rejects %s with GOV_METRICS_HOST_STATS', (_name, parse) => {
    expect(parse).toThrow(hostError);
  });
});

describe('cgroup v1 fallback', () => {
  it('reads cpuacct.usage nanoseconds as microseconds', () => {
    expect(parseCpuacctUsage(file('cgroup-v1-cpuacct.usage.txt'))).toBe(8512345678);
  });

  it('reads the CFS quota as cores and -1 as unlimited', () => {
    expect(parseCfsLimitCores('200000\n', '100000\n')).toBe(2);
    expect(parseCfsLimitCores('-1\n', '100000\n')).toBeUndefined();
  });

  it('treats the kernel’s huge "no limit" value and limits above host memory as unlimited', () => {
    expect(parseV1MemoryLimit(file('cgroup-v1-memory.limit_in_bytes.unlimited.txt'))).toBeUndefined();
    expect(parseV1MemoryLimit('8589934592', 4294967296)).toBeUndefined();
    expect(parseV1MemoryLimit('1073741824', 4294967296)).toBe(1073741824);
  });

  it('computes the working set from total_inactive_file', () => {
    expect(workingSetBytes(536870912, parseMemoryStat(file('cgroup-v1-memory.stat.txt')))).toBe(402653184);
  });
});

describe('procfs', () => {
  it('reads MemTotal and MemAvailable from /proc/meminfo in bytes', () => {
    const m = parseMeminfo(file('proc-meminfo.txt'));
    const kb = (key: string): number =>
      Number(
        /^\S+:\s+(\d+)/.exec(
          file('proc-meminfo.txt')
            .split('\n')
            .find((l) => l.startsWith(`${key}:`)) ?? '',
        )?.[1],
      ) * 1024;
    expect(m.totalBytes).toBe(kb('MemTotal'));
    expect(m.availableBytes).toBe(kb('MemAvailable'));
    expect(m.fields.MemFree).toBe(kb('MemFree'));
  });

  it('falls back to free + buffers + cached without MemAvailable', () => {
    const m = parseMeminfo(
      'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 10 kB\nCached: 200 kB\nHugePages_Total: 0\n',
    );
    expect(m.availableBytes).toBe(310 * 1024);
    expect(m.fields.HugePages_Total).toBe(0);
  });

  it('reads the aggregate cpu line and counts CPUs in /proc/stat', () => {
    const s = parseProcStat(file('proc-stat.txt'));
    expect(s.cpuCount).toBe(2);
    expect(s.cpu).toMatchObject({
      user: 149989,
      nice: 0,
      system: 27575,
      idle: 181864,
      iowait: 1000,
      steal: 4088,
    });
  });

  it('computes the host busy fraction between two /proc/stat readings', () => {
    const prev = parseProcStat('cpu  100 0 50 800 50 0 0 0 0 0\ncpu0 1 1 1 1\n');
    const cur = parseProcStat('cpu  250 0 100 1000 50 0 0 0 0 0\ncpu0 1 1 1 1\n');
    expect(hostCpuBusyFraction(prev, cur)).toBe(200 / 400);
    expect(hostCpuBusyFraction(cur, cur)).toBeNaN();
  });

  it('reads /proc/<pid>/stat even when the command name has spaces and parentheses', () => {
    expect(parsePidStat(file('proc-pid-stat-with-parens.txt'))).toEqual({
      pid: 4242,
      comm: 'my app (worker)',
      state: 'S',
      ppid: 1,
      utime: 1234,
      stime: 567,
      cutime: 89,
      cstime: 10,
      numThreads: 7,
      startTime: 181316,
      vsizeBytes: 1503256576,
      rssPages: 25600,
    });
  });

  it('reads /proc/<pid>/statm pages', () => {
    expect(parsePidStatm(file('proc-pid-statm.txt'))).toEqual({
      size: 366870,
      resident: 25600,
      shared: 4321,
      text: 5,
      data: 120000,
    });
  });

  it.each([
    ['/proc/stat without a cpu line', () => parseProcStat('intr 1\n')],
    ['/proc/meminfo without MemTotal', () => parseMeminfo('MemFree: 1 kB\n')],
    ['/proc/<pid>/stat without (comm)', () => parsePidStat('1 bash S 0')],
    ['/proc/<pid>/stat cut short', () => parsePidStat('1 (bash) S 0 1 1')],
    ['/proc/<pid>/statm with text', () => parsePidStatm('a b c d e f g')],
  ])('rejects %s with GOV_METRICS_HOST_STATS', (_name, parse) => {
    expect(parse).toThrow(hostError);
  });
});

describe('process trees', () => {
  const stat = (pid: number, ppid: number, utime: number, rssPages: number): PidStat => ({
    pid,
    comm: `p${pid}`,
    state: 'S',
    ppid,
    utime,
    stime: 1,
    cutime: 0,
    cstime: 0,
    numThreads: 1,
    startTime: 0,
    vsizeBytes: 0,
    rssPages,
  });
  const stats = [
    stat(1, 0, 1000, 1),
    stat(10, 1, 5, 100),
    stat(11, 10, 7, 50),
    stat(12, 10, 9, 25),
    stat(20, 1, 99, 999),
  ];

  it('finds a root and all its descendants', () => {
    expect([...processTreePids(stats, 10)].sort((a, b) => a - b)).toEqual([10, 11, 12]);
    expect(processTreePids(stats, 99).size).toBe(0);
  });

  it('sums CPU ticks and resident memory of the tree, preferring statm', () => {
    const statm = new Map([[11, { size: 0, resident: 60, shared: 0, text: 0, data: 0 }]]);
    expect(processTreeUsage(stats, 10, statm)).toEqual({
      pids: 3,
      cpuTicks: 5 + 7 + 9 + 3,
      rssBytes: (100 + 60 + 25) * 4096,
    });
  });
});

describe('cpuUtilization', () => {
  it('is CPU seconds per wall second per core of the limit', () => {
    // 1.5 CPU-seconds over 1 s against a 1.5-core quota: fully used.
    expect(
      cpuUtilization(
        { usageUsec: 1_000_000, timestampMs: 0 },
        { usageUsec: 2_500_000, timestampMs: 1000 },
        1.5,
      ),
    ).toBe(1);
    // 3 CPU-seconds over 10 s on 2 cores.
    expect(
      cpuUtilization({ usageUsec: 0, timestampMs: 5000 }, { usageUsec: 3_000_000, timestampMs: 15_000 }, 2),
    ).toBe(0.15);
  });

  it('counts from zero after the usage counter was reset', () => {
    expect(
      cpuUtilization({ usageUsec: 9_000_000, timestampMs: 0 }, { usageUsec: 500_000, timestampMs: 1000 }, 1),
    ).toBe(0.5);
  });

  it('is NaN without elapsed time or a positive limit', () => {
    expect(cpuUtilization({ usageUsec: 0, timestampMs: 10 }, { usageUsec: 1, timestampMs: 10 }, 1)).toBeNaN();
    expect(cpuUtilization({ usageUsec: 0, timestampMs: 0 }, { usageUsec: 1, timestampMs: 10 }, 0)).toBeNaN();
  });

  it('uses the quota when there is one, capped at the host, else the host’s cores', () => {
    expect(cpuLimitCores(1.5, 8)).toBe(1.5);
    expect(cpuLimitCores(16, 8)).toBe(8);
    expect(cpuLimitCores(undefined, 8)).toBe(8);
  });

  it('converts process clock ticks to microseconds', () => {
    expect(ticksToUsec(250)).toBe(2_500_000);
    expect(ticksToUsec(250, 250)).toBe(1_000_000);
  });
});
