import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CgroupStats } from './cgroup-stats.js';
import type { HostStatsSource } from './host-stats.js';
import { ProcessTreeStats } from './process-stats.js';
import { SystemStats } from './system-stats.js';

/** Where the collector reads the instance's CPU and memory. */
export type HostStatsSpec =
  /** A cgroup v2 directory (default `/sys/fs/cgroup`): a container or a Fly Machine with cgroup v2. */
  | { readonly kind: 'cgroup'; readonly root?: string }
  /** A local process and its descendants (standalone mode, `governor up`). */
  | { readonly kind: 'process'; readonly pid: number }
  /** The whole machine (a VM that is the instance). */
  | { readonly kind: 'system' }
  /** cgroup v2 when `/sys/fs/cgroup/cgroup.controllers` exists, else the whole machine. */
  | { readonly kind: 'auto' }
  /** No CPU or memory in snapshots. */
  | { readonly kind: 'none' };

/** The source for `spec`, or undefined for `none`. */
export function createHostStats(spec: HostStatsSpec): HostStatsSource | undefined {
  switch (spec.kind) {
    case 'cgroup':
      return new CgroupStats(spec.root === undefined ? {} : { root: spec.root });
    case 'process':
      return new ProcessTreeStats({ pid: spec.pid });
    case 'system':
      return new SystemStats();
    case 'auto':
      return existsSync(join('/sys/fs/cgroup', 'cgroup.controllers')) ? new CgroupStats() : new SystemStats();
    case 'none':
      return undefined;
  }
}
