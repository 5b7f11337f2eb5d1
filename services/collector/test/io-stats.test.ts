import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBus } from '@governor/bus';
import { afterEach, describe, expect, it } from 'vitest';
import { cgroupPidList } from '../src/host/process-tree.js';
import { createCollector, InstanceIoStats, type IoSample, ioBetween } from '../src/index.js';
import { startApp } from './helpers/app-process.js';
import { captureLogger, testSettings } from './helpers/harness.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A cgroup directory holding `files`, whose cgroup.procs lists this test process. */
function cgroupDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'governor-cgroup-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'cgroup.procs'), `${process.pid}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe('disk I/O of a cgroup', () => {
  it('reads cgroup v2 io.stat', async () => {
    const root = cgroupDir({ 'io.stat': '8:0 rbytes=100 wbytes=200 rios=1 wios=2 dbytes=0 dios=0\n' });
    const s = await new InstanceIoStats({
      description: 't',
      cgroup: { root },
      pids: async () => [process.pid],
    }).read();
    expect(s.disk).toEqual({ value: { readBytes: 100, writeBytes: 200, from: join(root, 'io.stat') } });
  });

  it('reads cgroup v1 blkio.throttle.io_service_bytes when there is no io.stat', async () => {
    const root = cgroupDir({
      'blkio/blkio.throttle.io_service_bytes': '8:0 Read 10\n8:0 Write 20\n8:0 Total 30\nTotal 30\n',
    });
    const blkioRoot = join(root, 'blkio');
    const s = await new InstanceIoStats({
      description: 't',
      cgroup: { root, blkioRoot },
      pids: async () => [process.pid],
    }).read();
    expect(s.disk).toEqual({
      value: { readBytes: 10, writeBytes: 20, from: join(blkioRoot, 'blkio.throttle.io_service_bytes') },
    });
  });

  it('falls back to /proc/<pid>/io when the v1 file holds only "Total 0"', async () => {
    const root = cgroupDir({ 'blkio/blkio.throttle.io_service_bytes': 'Total 0\n' });
    const s = await new InstanceIoStats({
      description: 't',
      cgroup: { root, blkioRoot: join(root, 'blkio') },
      pids: async () => [process.pid],
    }).read();
    expect(s.disk).toEqual({
      value: { readBytes: expect.any(Number), writeBytes: expect.any(Number), from: '/proc/<pid>/io' },
    });
  });

  it('reports a malformed io.stat as unavailable, naming the file and line, and still reads the rest', async () => {
    const root = cgroupDir({ 'io.stat': '8:0 rbytes=1 wbytes=2\n8:1 rbytes=x\n' });
    const s = await new InstanceIoStats({
      description: 't',
      cgroup: { root },
      pids: async () => [process.pid],
    }).read();
    expect(s.disk).toEqual({ unavailable: `${join(root, 'io.stat')} line 2: malformed field "rbytes=x"` });
    expect('value' in s.network).toBe(true);
    expect('value' in s.connections).toBe(true);
  });

  it('reports every signal unavailable, with the reason, when the processes cannot be listed', async () => {
    const s = await new InstanceIoStats({
      description: 't',
      pids: async () => {
        throw new Error('/x/cgroup.procs lists no process');
      },
    }).read();
    const why = { unavailable: '/x/cgroup.procs lists no process' };
    expect(s).toEqual({ atMs: expect.any(Number), network: why, disk: why, connections: why });
  });
});

describe('ioBetween', () => {
  const sample = (
    atMs: number,
    rx: number,
    tx: number,
    r: number,
    w: number,
    from = 'io.stat',
  ): IoSample => ({
    atMs,
    network: { value: { receiveBytes: rx, transmitBytes: tx } },
    disk: { value: { readBytes: r, writeBytes: w, from } },
    connections: { value: 4 },
  });

  it('gives per-second rates and window bytes between two readings, connections as of the later', () => {
    expect(ioBetween(sample(0, 100, 50, 0, 0), sample(2000, 300, 150, 4096, 8192))).toEqual({
      network: {
        receiveBytes: 200,
        transmitBytes: 100,
        receiveBytesPerSecond: 100,
        transmitBytesPerSecond: 50,
      },
      disk: { readBytes: 4096, writeBytes: 8192, readBytesPerSecond: 2048, writeBytesPerSecond: 4096 },
      connections: { established: 4 },
    });
  });

  it('has only connections from a first reading', () => {
    expect(ioBetween(undefined, sample(0, 1, 1, 1, 1))).toEqual({ connections: { established: 4 } });
  });

  it('counts a counter that went down (a new namespace or process) from 0, as PromQL increase does', () => {
    expect(ioBetween(sample(0, 1000, 1000, 0, 0), sample(1000, 10, 20, 0, 0)).network).toEqual({
      receiveBytes: 10,
      transmitBytes: 20,
      receiveBytesPerSecond: 10,
      transmitBytesPerSecond: 20,
    });
  });

  it('gives no disk rate across a switch of source (io.stat to /proc/<pid>/io)', () => {
    expect(
      ioBetween(sample(0, 0, 0, 10, 10), sample(1000, 0, 0, 20, 20, '/proc/<pid>/io')).disk,
    ).toBeUndefined();
  });
});

describe('the collector loop with I/O stats that fail', () => {
  it('publishes snapshots without the signal, and logs each reason once', async () => {
    const app = await startApp();
    const { logger, lines } = captureLogger();
    const c = createCollector({
      app: { name: 'web' },
      identity: { app: 'web', instance: 'i-1', region: 'ams' },
      targets: [app.metricsUrl],
      bus: new MemoryBus(),
      ioStats: {
        description: 'broken',
        read: async () => ({
          atMs: 0,
          network: { unavailable: '/proc/1/net/dev line 3: malformed "eth0: 1"' },
          disk: { unavailable: 'no /proc/<pid>/io' },
          connections: { value: 2 },
        }),
      },
      settings: testSettings(),
      logger,
    });
    try {
      await c.collectOnce();
      const s = await c.collectOnce();
      expect(s.connections).toEqual({ established: 2 });
      expect(s.network).toBeUndefined();
      expect(s.disk).toBeUndefined();
      const warned = lines().filter((l) => l.msg === 'network unavailable');
      expect(warned).toEqual([
        expect.objectContaining({ reason: '/proc/1/net/dev line 3: malformed "eth0: 1"', io: 'broken' }),
      ]);
    } finally {
      await c.stop();
      await app.stop();
    }
  });
});

describe('the processes of a cgroup', () => {
  it('are those of cgroup.procs without the collector itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'governor-cgroup-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'cgroup.procs'), `1\n${process.pid}\n42\n`);
    expect(await cgroupPidList(dir, process.pid)).toEqual([1, 42]);
    writeFileSync(join(dir, 'cgroup.procs'), `${process.pid}\n`);
    await expect(cgroupPidList(dir, process.pid)).rejects.toThrow(
      `${dir}/cgroup.procs lists no process of the instance`,
    );
  });
});
