import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countEstablished,
  netDevTotals,
  parseBlkioServiceBytes,
  parseIoStat,
  parseNetDev,
  parsePidIo,
  parseTcpTable,
  socketInode,
  sumDiskBytes,
} from '../../src/index.js';

const file = (name: string): string =>
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'host', name), 'utf8');

/** The error a malformed file gives: the stable code, and a message naming the file and line. */
function failure(fn: () => unknown): { code: unknown; message: string } {
  try {
    fn();
  } catch (err) {
    const e = err as { code?: unknown; message: string };
    return { code: e.code, message: e.message };
  }
  throw new Error('expected a parse error');
}

describe('disk I/O, cgroup v2 io.stat', () => {
  it('sums rbytes and wbytes over every device', () => {
    const devices = parseIoStat(file('cgroup-v2-io.stat.txt'));
    expect(devices.map((d) => d.device)).toEqual(['8:16', '253:0']);
    expect(sumDiskBytes(devices)).toEqual({ readBytes: 1459200 + 4096, writeBytes: 314773504 + 8192 });
  });

  it('reads an empty file as no device (no block I/O yet)', () => {
    expect(sumDiskBytes(parseIoStat(''))).toEqual({ readBytes: 0, writeBytes: 0 });
  });

  it('names the file and line of a malformed field', () => {
    expect(failure(() => parseIoStat(file('cgroup-v2-io.stat.malformed.txt')))).toEqual({
      code: 'GOV_METRICS_HOST_STATS',
      message: 'io.stat line 2: malformed field "rbytes=ten"',
    });
  });
});

describe('disk I/O, cgroup v1 blkio.throttle.io_service_bytes', () => {
  it('reads Read and Write per device, ignoring Sync, Async, Discard and the totals', () => {
    const devices = parseBlkioServiceBytes(file('cgroup-v1-blkio.throttle.io_service_bytes.txt'));
    expect(devices).toEqual([
      { device: '8:0', readBytes: 1459200, writeBytes: 314773504 },
      { device: '253:0', readBytes: 4096, writeBytes: 8192 },
    ]);
  });

  it('has no device when the file holds only "Total 0"', () => {
    expect(parseBlkioServiceBytes(file('cgroup-v1-blkio.throttle.io_service_bytes.empty.txt'))).toEqual([]);
  });

  it('names the file and line of a line without its byte count', () => {
    expect(
      failure(() => parseBlkioServiceBytes(file('cgroup-v1-blkio.throttle.io_service_bytes.malformed.txt'))),
    ).toEqual({
      code: 'GOV_METRICS_HOST_STATS',
      message: 'blkio.throttle.io_service_bytes line 2: malformed "8:0 Write" (want "MAJ:MIN Op bytes")',
    });
  });
});

describe('disk I/O, /proc/<pid>/io', () => {
  it('reads storage bytes (read_bytes, write_bytes) next to the syscall bytes (rchar, wchar)', () => {
    expect(parsePidIo(file('proc-pid-io.txt'))).toEqual({
      rchar: 6976,
      wchar: 4196570,
      readBytes: 4194304,
      writeBytes: 4202496,
      cancelledWriteBytes: 4096,
    });
  });

  it('names the line that is not "key: number", and a missing key', () => {
    expect(failure(() => parsePidIo('rchar: 1\nwchar: x\n', '/proc/42/io'))).toEqual({
      code: 'GOV_METRICS_HOST_STATS',
      message: '/proc/42/io line 2: malformed "wchar: x" (want "key: number")',
    });
    expect(failure(() => parsePidIo('rchar: 1\nwchar: 2\n', '/proc/42/io')).message).toBe(
      '/proc/42/io line 3: no "read_bytes" line',
    );
  });
});

describe('network I/O, /proc/<pid>/net/dev', () => {
  it('reads bytes per interface and sums them without loopback', () => {
    const ifaces = parseNetDev(file('proc-pid-net-dev.txt'));
    expect(ifaces).toEqual([
      { name: 'lo', receiveBytes: 192885, transmitBytes: 192885 },
      { name: 'eth0', receiveBytes: 134464935, transmitBytes: 232918 },
      { name: 'eth1', receiveBytes: 1000, transmitBytes: 2000 },
    ]);
    expect(netDevTotals(ifaces)).toEqual({ receiveBytes: 134465935, transmitBytes: 234918 });
  });

  it('names the file and line of an interface with too few counters', () => {
    const text = `${file('proc-pid-net-dev.txt')}  eth2: 1 2 3\n`;
    expect(failure(() => parseNetDev(text, '/proc/7/net/dev')).message).toBe(
      '/proc/7/net/dev line 6: malformed "eth2: 1 2 3" (want a name and 16 counters)',
    );
  });
});

describe('open connections, /proc/<pid>/net/tcp and tcp6', () => {
  const v4 = parseTcpTable(file('proc-pid-net-tcp.txt'));
  const v6 = parseTcpTable(file('proc-pid-net-tcp6.txt'), '/proc/<pid>/net/tcp6');

  it('reads each socket state (hex) and inode', () => {
    expect(v4).toEqual([
      { state: 0x0a, inode: 1062 },
      { state: 1, inode: 5911 },
      { state: 1, inode: 5912 },
      { state: 6, inode: 0 },
    ]);
    expect(v6).toEqual([
      { state: 0x0a, inode: 5000 },
      { state: 1, inode: 7001 },
    ]);
  });

  it('counts state 01 (ESTABLISHED) only: not LISTEN (0A) nor TIME_WAIT (06)', () => {
    expect(countEstablished([...v4, ...v6])).toBe(3);
  });

  it("counts only the sockets whose inode the process holds when given its fds' inodes", () => {
    // The server end 5911 and the v6 socket 7001 are the process's; 5912 is the client's end.
    expect(countEstablished([...v4, ...v6], new Set([1062, 5911, 7001]))).toBe(2);
  });

  it('reads socket inodes from fd link targets and ignores other links', () => {
    expect(socketInode('socket:[5911]')).toBe(5911);
    expect(socketInode('pipe:[12]')).toBeUndefined();
    expect(socketInode('/var/log/app.log')).toBeUndefined();
  });

  it('names the file and line of a socket line without a state', () => {
    const text = `${file('proc-pid-net-tcp.txt')}   4: garbage\n`;
    expect(failure(() => parseTcpTable(text)).message).toBe(
      '/proc/<pid>/net/tcp line 6: malformed socket line "4: garbage"',
    );
  });
});
