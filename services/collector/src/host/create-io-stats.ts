import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { HostStatsSpec } from './create-host-stats.js';
import type { IoStatsSource } from './io-sample.js';
import { InstanceIoStats } from './io-stats.js';
import { cgroupPidList, processTreePidList } from './process-tree.js';

/** Where cgroup v1 mounts the blkio controller. */
const V1_BLKIO = '/sys/fs/cgroup/blkio';

/**
 * The network, disk and connection source for the same `spec` the CPU and
 * memory come from, or undefined for `none`:
 * - `process:<pid>`: that process and its descendants;
 * - `cgroup[:<dir>]`: the processes of `cgroup.procs` but the collector, disk from the cgroup's
 *   `io.stat` (v2) or `/sys/fs/cgroup/blkio` (v1);
 * - `system` (and `auto` without cgroup v2): the machine's own namespace.
 */
export function createIoStats(spec: HostStatsSpec): IoStatsSource | undefined {
  switch (spec.kind) {
    case 'process':
      return new InstanceIoStats({
        description: `process:${spec.pid}`,
        pids: () => processTreePidList('/proc', spec.pid),
      });
    case 'cgroup':
      return cgroupIoStats(spec.root ?? '/sys/fs/cgroup');
    case 'system':
      return new InstanceIoStats({ description: 'system' });
    case 'auto':
      return existsSync(join('/sys/fs/cgroup', 'cgroup.controllers'))
        ? cgroupIoStats('/sys/fs/cgroup')
        : new InstanceIoStats({ description: 'system' });
    case 'none':
      return undefined;
  }
}

function cgroupIoStats(root: string): IoStatsSource {
  return new InstanceIoStats({
    description: `cgroup:${root}`,
    pids: () => cgroupPidList(root, process.pid),
    cgroup: { root, ...(existsSync(V1_BLKIO) ? { blkioRoot: V1_BLKIO } : {}) },
  });
}
