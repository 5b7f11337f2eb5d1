import { PeriodicLoop } from '@governor/runtime';
import type { AppRuntime } from './app-runtime.js';

/** Options of {@link AppLoops}. */
export interface AppLoopsOptions {
  /**
   * The group an app ticks with: apps of one group share one loop (one timer,
   * one timeout, one abort signal per tick) and tick together. Default: each
   * app on its own loop.
   */
  readonly groupOf?: (app: string) => string;
  /** ms between the end of a group's tick and the start of its next. */
  readonly interval: () => number;
  /** ms after which a group's tick is abandoned (each app's part of it is aborted). */
  readonly timeout: () => number;
  /** One tick of a group's apps (config order). Its rejections go to `onError`. */
  readonly run: (apps: readonly AppRuntime[], signal: AbortSignal) => Promise<void>;
  /** A failed or timed-out tick of a group (`apps`: its apps when it failed). */
  readonly onError: (err: unknown, apps: readonly AppRuntime[]) => void;
}

interface Group {
  readonly loop: PeriodicLoop;
  apps: AppRuntime[];
}

/**
 * The tick loops of the apps, one per group: standalone, every app has its
 * own (a slow app never delays another); in cluster mode the apps of one
 * shard share one, so a replica runs one timer per shard instead of one per
 * app of the whole fleet, and a shard's apps are read, decided and saved in
 * one batch.
 */
export class AppLoops {
  private readonly groups = new Map<string, Group>();
  private readonly groupByApp = new Map<string, string>();
  private started = false;

  constructor(private readonly options: AppLoopsOptions) {}

  /** Adds an app to its group's loop (started at once when the loops run). */
  add(rt: AppRuntime): void {
    const key = this.options.groupOf?.(rt.name) ?? rt.name;
    this.groupByApp.set(rt.name, key);
    const known = this.groups.get(key);
    if (known) {
      known.apps = [...known.apps, rt];
      return;
    }
    const group: Group = {
      apps: [rt],
      loop: new PeriodicLoop({
        name: `tick of ${key}`,
        interval: this.options.interval,
        timeout: this.options.timeout,
        run: (signal) => this.options.run(group.apps, signal),
        onError: (err) => this.options.onError(err, group.apps),
      }),
    };
    this.groups.set(key, group);
    if (this.started) group.loop.start(0);
  }

  /** Removes an app; its group's loop stops once it has no app left. */
  remove(name: string): void {
    const key = this.groupByApp.get(name);
    if (key === undefined) return;
    this.groupByApp.delete(name);
    const group = this.groups.get(key);
    if (!group) return;
    group.apps = group.apps.filter((rt) => rt.name !== name);
    if (group.apps.length > 0) return;
    this.groups.delete(key);
    void group.loop.stop();
  }

  /** Starts every loop (first tick at once). */
  start(): void {
    this.started = true;
    for (const g of this.groups.values()) g.loop.start(0);
  }

  /** One tick of every group now (never overlapping their loops). Never rejects. */
  async runOnce(): Promise<void> {
    await Promise.all([...this.groups.values()].map((g) => g.loop.runOnce()));
  }

  /** Stops every loop and waits for the ticks in flight. */
  async stop(): Promise<void> {
    this.started = false;
    await Promise.all([...this.groups.values()].map((g) => g.loop.stop()));
  }
}
