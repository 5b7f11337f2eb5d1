import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBus } from '@governor/bus';
import { silentLogger } from '@governor/telemetry';
import { ensurePromtool } from '@governor/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { type Collector, createCollector, createIoStats, type IoSample } from '../src/index.js';
import { type AppProcess, startApp } from './helpers/app-process.js';
import { testSettings } from './helpers/harness.js';
import { createNetNamespace, type NetNamespace } from './helpers/net-namespace.js';

const MiB = 1024 * 1024;

async function readIo(pid: number): Promise<IoSample> {
  const source = createIoStats({ kind: 'process', pid });
  if (source === undefined) throw new Error('no I/O source for a process');
  return source.read();
}

function value<T>(r: { value: T } | { unavailable: string }, what: string): T {
  if ('unavailable' in r) throw new Error(`${what} unavailable: ${r.unavailable}`);
  return r.value;
}

async function openConnections(port: number, host: string, n: number): Promise<Socket[]> {
  return Promise.all(
    Array.from({ length: n }, async () => {
      const s = connect(port, host);
      await once(s, 'connect');
      return s;
    }),
  );
}

describe('open connections of a real process', () => {
  let app: AppProcess | undefined;
  let clients: Socket[] = [];
  afterEach(async () => {
    for (const c of clients) c.destroy();
    clients = [];
    await app?.stop();
  });

  it('counts the established sockets the app holds, not the client ends in the same namespace', async () => {
    app = await startApp();
    const pid = app.pid;
    clients = await openConnections(app.port, '127.0.0.1', 5);
    // The app accepts asynchronously: its fds hold the server ends once it has.
    await expect.poll(async () => value((await readIo(pid)).connections, 'connections')).toBe(5);
    for (const c of clients) c.destroy();
    clients = [];
    await expect.poll(async () => value((await readIo(pid)).connections, 'connections')).toBe(0);
  });
});

describe('network I/O of a real process in its own network namespace', () => {
  let app: AppProcess | undefined;
  let ns: NetNamespace | undefined;
  afterEach(async () => {
    await app?.stop();
    ns?.remove();
  });

  it('rises with the requests driven at it over a veth link (loopback is not counted)', async () => {
    ns = createNetNamespace();
    app = await startApp({ HOST: ns.innerAddress }, 0, ns.exec);
    const before = value((await readIo(app.pid)).network, 'network');
    await app.work(40, 200, 1);
    const after = value((await readIo(app.pid)).network, 'network');
    // 40 requests in and 40 responses out, each well over 100 bytes with their headers.
    expect(after.receiveBytes - before.receiveBytes).toBeGreaterThan(40 * 100);
    expect(after.transmitBytes - before.transmitBytes).toBeGreaterThan(40 * 100);
  });
});

describe('disk I/O of a real process', () => {
  let child: ChildProcess | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rises by the bytes a child writes and syncs, or is reported unavailable where the kernel has no /proc/<pid>/io', async () => {
    dir = mkdtempSync(join(tmpdir(), 'governor-io-'));
    const target = join(dir, 'written.bin');
    // Writes 4 MiB and fsyncs them when told to on stdin, then says so.
    const script = `const fs = require('node:fs');
process.stdin.once('data', () => {
  const fd = fs.openSync(${JSON.stringify(target)}, 'w');
  fs.writeSync(fd, Buffer.alloc(${4 * MiB}, 120));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  process.stdout.write('written\\n');
});
process.stdout.write('ready\\n');`;
    const c = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
    child = c;
    const said = (word: string) =>
      new Promise<void>((resolve) => {
        let out = '';
        const onData = (b: Buffer) => {
          out += b.toString();
          if (out.includes(word)) {
            c.stdout?.off('data', onData);
            resolve();
          }
        };
        c.stdout?.on('data', onData);
      });
    await said('ready');
    const pid = c.pid as number;
    const exposed = existsSync('/proc/self/io');
    const before = (await readIo(pid)).disk;
    c.stdin?.write('go\n');
    await said('written');
    const after = (await readIo(pid)).disk;
    if (!exposed) {
      console.log(
        'this kernel has no /proc/<pid>/io (no task I/O accounting): disk I/O reads as unavailable',
      );
      expect(before).toEqual({ unavailable: expect.stringContaining(`/proc/${pid}/io`) });
      expect(after).toEqual({ unavailable: expect.stringContaining(`/proc/${pid}/io`) });
      return;
    }
    const b = value(before, 'disk');
    const a = value(after, 'disk');
    expect(a.from).toBe('/proc/<pid>/io');
    expect(a.writeBytes - b.writeBytes).toBeGreaterThanOrEqual(4 * MiB);
  });
});

describe('what this machine exposes', () => {
  it('reads disk I/O from cgroup v2 io.stat when present, else says why it fell back', async () => {
    const v2 = existsSync('/sys/fs/cgroup/cgroup.controllers');
    const ioStat = existsSync('/sys/fs/cgroup/io.stat');
    const blkio = existsSync('/sys/fs/cgroup/blkio/blkio.throttle.io_service_bytes');
    console.log(
      `cgroup v2 at /sys/fs/cgroup: ${v2}; io.stat: ${ioStat}; v1 blkio.throttle.io_service_bytes: ${blkio}; /proc/self/io: ${existsSync('/proc/self/io')}`,
    );
    const source = createIoStats({ kind: 'cgroup', root: '/sys/fs/cgroup' });
    const sample = await (source as NonNullable<typeof source>).read();
    if (ioStat) {
      expect(value(sample.disk, 'disk').from).toBe('/sys/fs/cgroup/io.stat');
    } else if (!existsSync('/sys/fs/cgroup/cgroup.procs')) {
      // No io.stat and no cgroup.procs at this root: nothing to read disk I/O from, and it says so.
      expect(sample.disk).toEqual({ unavailable: expect.stringContaining('cgroup.procs') });
    } else {
      expect(value(sample.disk, 'disk').from).not.toBe('/sys/fs/cgroup/io.stat');
    }
  });
});

describe('the collector with a real instance', () => {
  let app: AppProcess | undefined;
  let collector: Collector | undefined;
  let clients: Socket[] = [];
  afterEach(async () => {
    for (const c of clients) c.destroy();
    clients = [];
    await collector?.stop();
    await app?.stop();
  });

  it('carries network, disk and connections in snapshots and exports them as promtool-clean series', async () => {
    app = await startApp();
    let mono = 0;
    const c = createCollector({
      app: { name: 'web' },
      identity: { app: 'web', instance: 'i-1', region: 'ams' },
      targets: [app.metricsUrl],
      bus: new MemoryBus(),
      hostStats: { kind: 'process', pid: app.pid },
      settings: testSettings(),
      logger: silentLogger(),
      monotonic: () => mono,
    });
    collector = c;
    const first = await c.collectOnce();
    // One reading: connections are a gauge, network and disk need two.
    expect(first.network).toBeUndefined();
    expect(first.disk).toBeUndefined();
    clients = await openConnections(app.port, '127.0.0.1', 3);
    await app.work(10, 200, 1);
    await expect
      .poll(async () => {
        mono += 1000;
        return (await c.collectOnce()).connections?.established;
      })
      .toBeGreaterThanOrEqual(3);
    const s = c.lastSnapshot;
    expect(s?.network).toEqual({
      receiveBytes: expect.any(Number),
      transmitBytes: expect.any(Number),
      receiveBytesPerSecond: expect.any(Number),
      transmitBytesPerSecond: expect.any(Number),
    });
    if (existsSync('/proc/self/io')) expect(s?.disk?.writeBytes).toBeGreaterThanOrEqual(0);
    else expect(s?.disk).toBeUndefined();

    const text = await c.registry.metrics();
    const labels = '{app="web",instance="i-1",region="ams"}';
    expect(text).toContain(`governor_instance_connections${labels} ${s?.connections?.established}`);
    expect(text).toMatch(/governor_instance_network_receive_bytes_total\{[^}]*\} \d+/);
    expect(text).toMatch(/governor_instance_network_transmit_bytes_total\{[^}]*\} \d+/);
    if (existsSync('/proc/self/io')) {
      expect(text).toMatch(/governor_instance_disk_read_bytes_total\{[^}]*\} \d+/);
      expect(text).toMatch(/governor_instance_disk_written_bytes_total\{[^}]*\} \d+/);
    }
    const check = spawnSync(ensurePromtool(), ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect({ status: check.status, output: `${check.stdout}${check.stderr}` }).toEqual({
      status: 0,
      output: '',
    });
  });
});
