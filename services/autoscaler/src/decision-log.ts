import type { DecisionRecord } from './decision-record.js';

/**
 * The bounded history of decision records per app: a ring buffer of
 * `capacity` records per app, oldest dropped first, with lookup by id for
 * attaching action results.
 */
export class DecisionLog {
  private readonly perApp = new Map<string, DecisionRecord[]>();
  private readonly byId = new Map<string, DecisionRecord>();

  /** @param capacity records kept per app (config `daemon.historySize`, default 500). */
  constructor(private capacity: number) {}

  /** Changes the per-app capacity (config reload), trimming at the next append. */
  resize(capacity: number): void {
    this.capacity = Math.max(1, capacity);
  }

  append(record: DecisionRecord): void {
    let list = this.perApp.get(record.app);
    if (!list) {
      list = [];
      this.perApp.set(record.app, list);
    }
    list.push(record);
    this.byId.set(record.id, record);
    while (list.length > this.capacity) {
      const dropped = list.shift();
      if (dropped) this.byId.delete(dropped.id);
    }
  }

  get(id: string): DecisionRecord | undefined {
    return this.byId.get(id);
  }

  /** The newest record of an app. */
  last(app: string): DecisionRecord | undefined {
    return this.perApp.get(app)?.at(-1);
  }

  /**
   * Records, oldest first, of one app or all apps, at or after `since` (ms),
   * at most `limit` (the newest ones).
   */
  list(options: { app?: string; since?: number; limit?: number } = {}): DecisionRecord[] {
    const apps = options.app === undefined ? [...this.perApp.keys()] : [options.app];
    const out: DecisionRecord[] = [];
    for (const app of apps) out.push(...(this.perApp.get(app) ?? []));
    const since = options.since ?? Number.NEGATIVE_INFINITY;
    const kept = out.filter((r) => r.at >= since).sort((a, b) => a.at - b.at);
    return options.limit === undefined ? kept : kept.slice(-options.limit);
  }

  /** Forgets an app (removed from the config). */
  drop(app: string): void {
    for (const r of this.perApp.get(app) ?? []) this.byId.delete(r.id);
    this.perApp.delete(app);
  }
}
