import type { InstanceSnapshot } from '@governor/metrics';
import type { SnapshotBus } from './snapshot-bus.js';
import { assertOpen, assertSnapshot, byAppThenInstance } from './validate.js';

/** Options for {@link MemoryBus}. */
export interface MemoryBusOptions {
  /** Clock, ms since epoch. Default `Date.now`. */
  now?: () => number;
  /**
   * Instances whose newest snapshot ended more than this many ms ago are
   * forgotten. Default 3,600,000 (one hour); `Infinity` keeps them forever.
   */
  retainMs?: number;
}

/** In-process {@link SnapshotBus} for standalone mode and tests. */
export class MemoryBus implements SnapshotBus {
  private readonly newest = new Map<string, Map<string, InstanceSnapshot>>();
  private readonly now: () => number;
  private readonly retainMs: number;
  private closed = false;

  constructor(options: MemoryBusOptions = {}) {
    this.now = options.now ?? Date.now;
    this.retainMs = options.retainMs ?? 3_600_000;
  }

  async publish(snapshot: InstanceSnapshot): Promise<void> {
    assertOpen(this.closed, 'MemoryBus');
    assertSnapshot(snapshot);
    // Copy so later mutation by the caller cannot change what readers see.
    const stored = structuredClone(snapshot);
    let perApp = this.newest.get(stored.app);
    if (!perApp) {
      perApp = new Map();
      this.newest.set(stored.app, perApp);
    }
    const held = perApp.get(stored.instance);
    if (!held || held.windowEnd <= stored.windowEnd) perApp.set(stored.instance, stored);
  }

  async latest(app?: string): Promise<InstanceSnapshot[]> {
    assertOpen(this.closed, 'MemoryBus');
    const cutoff = this.now() - this.retainMs;
    const out: InstanceSnapshot[] = [];
    const apps = app === undefined ? [...this.newest.keys()] : [app];
    for (const a of apps) {
      const perApp = this.newest.get(a);
      if (!perApp) continue;
      for (const [instance, s] of perApp) {
        if (s.windowEnd < cutoff) perApp.delete(instance);
        else out.push(structuredClone(s));
      }
    }
    return out.sort(byAppThenInstance);
  }

  async latestOf(apps: readonly string[]): Promise<Map<string, InstanceSnapshot[]>> {
    const out = new Map<string, InstanceSnapshot[]>();
    for (const a of apps) out.set(a, await this.latest(a));
    return out;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.newest.clear();
  }
}
