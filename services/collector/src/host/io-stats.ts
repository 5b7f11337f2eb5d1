import type { SnapshotConnections, SnapshotDisk, SnapshotNetwork } from '@governor/metrics';
import { counterDelta } from '@governor/metrics';
import { readNamespaceConnections, readOwnedConnections } from './connection-reader.js';
import { readCgroupDisk, readPidsDisk } from './disk-reader.js';
import { monotonicMs } from './host-stats.js';
import { type IoSample, type IoStatsSource, type Reading, reading, readingValue } from './io-sample.js';
import { readNetwork } from './network-reader.js';

/** Options for {@link InstanceIoStats}. */
export interface InstanceIoStatsOptions {
  /** `process:1234`, `cgroup:/sys/fs/cgroup`, `system`. */
  readonly description: string;
  /** procfs mount. Default `/proc`. */
  readonly procRoot?: string;
  /**
   * The instance's processes, the main one first. Default: none, the whole
   * machine is the instance (the collector's own network namespace; no disk I/O).
   */
  readonly pids?: () => Promise<number[]>;
  /** The instance's cgroup: its v2 directory (io.stat) and v1 blkio directory. Default: none. */
  readonly cgroup?: { readonly root: string; readonly blkioRoot?: string };
  /** Monotonic clock, ms. */
  readonly clock?: () => number;
}

/**
 * Network I/O, disk I/O and established TCP connections of an instance:
 * - network: `/proc/<main pid>/net/dev` (the instance's namespace), loopback excluded;
 * - disk: cgroup v2 `io.stat`, else v1 `blkio.throttle.io_service_bytes`,
 *   else `read_bytes`/`write_bytes` of `/proc/<pid>/io` summed over the processes;
 * - connections: state 01 sockets of the tcp/tcp6 tables that the processes
 *   hold as fds (the whole namespace's table when the machine is the instance).
 */
export class InstanceIoStats implements IoStatsSource {
  readonly description: string;
  private readonly proc: string;

  constructor(private readonly o: InstanceIoStatsOptions) {
    this.description = o.description;
    this.proc = o.procRoot ?? '/proc';
  }

  async read(): Promise<IoSample> {
    const atMs = (this.o.clock ?? monotonicMs)();
    const proc = this.proc;
    if (this.o.pids === undefined) {
      const [network, connections] = await Promise.all([
        reading(() => readNetwork(proc, 'self')),
        reading(() => readNamespaceConnections(proc, 'self')),
      ]);
      return {
        atMs,
        network,
        connections,
        disk: { unavailable: 'disk I/O is read per cgroup or process, not for the whole machine' },
      };
    }
    const pids = await reading(this.o.pids);
    const list = readingValue(pids);
    const cgroup = this.o.cgroup;
    const withPids = <T>(read: (p: number[]) => Promise<T>): Promise<Reading<T>> =>
      list === undefined
        ? Promise.resolve({ unavailable: (pids as { unavailable: string }).unavailable })
        : reading(() => read(list));
    const [network, connections, disk] = await Promise.all([
      withPids((p) => readNetwork(proc, p[0] as number)),
      withPids((p) => readOwnedConnections(proc, p)),
      cgroup === undefined
        ? withPids((p) => readPidsDisk(proc, p))
        : reading(async () => {
            const fromCgroup = await readCgroupDisk(cgroup.root, cgroup.blkioRoot);
            if (fromCgroup !== undefined) return fromCgroup;
            if (list === undefined) throw new Error((pids as { unavailable: string }).unavailable);
            return readPidsDisk(proc, list);
          }),
    ]);
    return { atMs, network, connections, disk };
  }
}

/** Network and disk rates between two readings, and connections as of the later one. */
export function ioBetween(
  prev: IoSample | undefined,
  cur: IoSample,
): { network?: SnapshotNetwork; disk?: SnapshotDisk; connections?: SnapshotConnections } {
  const out: { network?: SnapshotNetwork; disk?: SnapshotDisk; connections?: SnapshotConnections } = {};
  const established = readingValue(cur.connections);
  if (established !== undefined) out.connections = { established };
  if (prev === undefined) return out;
  const seconds = (cur.atMs - prev.atMs) / 1000;
  if (!(seconds > 0)) return out;
  const n0 = readingValue(prev.network);
  const n1 = readingValue(cur.network);
  if (n0 !== undefined && n1 !== undefined) {
    const receiveBytes = counterDelta(n0.receiveBytes, n1.receiveBytes);
    const transmitBytes = counterDelta(n0.transmitBytes, n1.transmitBytes);
    out.network = {
      receiveBytes,
      transmitBytes,
      receiveBytesPerSecond: receiveBytes / seconds,
      transmitBytesPerSecond: transmitBytes / seconds,
    };
  }
  const d0 = readingValue(prev.disk);
  const d1 = readingValue(cur.disk);
  // Bytes from io.stat and from /proc/<pid>/io are different counters: no difference across a switch.
  if (d0 !== undefined && d1 !== undefined && d0.from === d1.from) {
    const readBytes = counterDelta(d0.readBytes, d1.readBytes);
    const writeBytes = counterDelta(d0.writeBytes, d1.writeBytes);
    out.disk = {
      readBytes,
      writeBytes,
      readBytesPerSecond: readBytes / seconds,
      writeBytesPerSecond: writeBytes / seconds,
    };
  }
  return out;
}
