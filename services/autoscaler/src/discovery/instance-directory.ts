import type { InstanceRegistry, SnapshotBus } from '@governor/bus';
import { type DiscoveredInstance, toDiscovered } from './discovered-instance.js';

/** Options of {@link InstanceDirectory}. */
export interface InstanceDirectoryOptions {
  /** Who is alive (heartbeats with a TTL), ready, draining. */
  readonly registry: InstanceRegistry;
  /** Where the load comes from (newest snapshot per instance). */
  readonly bus: SnapshotBus;
  /** The in-flight gauge of an app (`apps[].metrics.inFlight`), if any. */
  readonly inFlightMetric: (app: string) => string | undefined;
  /** A snapshot older than this (ms) gives no load (`collector.staleAfter`). */
  readonly staleAfter: () => number;
  /** Clock, ms since epoch. Default `Date.now`. */
  readonly now?: () => number;
}

/**
 * The live instance list of an app, as discovery serves it: registry entries
 * (alive within their heartbeat TTL) joined with the load of their newest
 * fresh snapshot. Reads the shared registry and bus, so every replica of a
 * cluster answers the same.
 */
export class InstanceDirectory {
  constructor(private readonly o: InstanceDirectoryOptions) {}

  /** Instances of `app`, by id. Rejects when the registry is unreachable. */
  async list(app: string): Promise<DiscoveredInstance[]> {
    const [infos, snapshots] = await Promise.all([
      this.o.registry.list(app),
      // The load is optional: an unreachable bus leaves it out rather than failing the list.
      this.o.bus.latest(app).catch(() => []),
    ]);
    const byId = new Map(snapshots.map((s) => [s.instance, s]));
    const now = (this.o.now ?? Date.now)();
    const metric = this.o.inFlightMetric(app);
    const staleAfter = this.o.staleAfter();
    return infos.map((info) => toDiscovered(info, byId.get(info.instance), metric, staleAfter, now));
  }
}
