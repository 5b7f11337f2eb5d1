import { PeriodicLoop, type Timers } from '@governor/runtime';
import type { DiscoveredInstance } from './discovered-instance.js';

/** Options of {@link InstanceWatchHub}. */
export interface InstanceWatchHubOptions {
  /** Reads the list of an app (rejections keep the last list and are reported). */
  readonly list: (app: string) => Promise<DiscoveredInstance[]>;
  /** Time between the end of one read of an app with watchers and the next, ms (`discovery.watchInterval`). */
  readonly interval: () => number;
  /** Called with a failed read (or one still going after {@link READ_TIMEOUT_MS}) and a listener that threw. Default: ignore. */
  readonly onError?: (app: string, err: unknown) => void;
  /** Timers of the pollers. Default: Node's, `unref()`ed. */
  readonly timers?: Timers;
}

/** A read longer than this (or the interval, when longer) is reported, ms. */
const READ_TIMEOUT_MS = 10_000;

interface AppWatch {
  readonly listeners: Set<(list: readonly DiscoveredInstance[]) => void>;
  last: readonly DiscoveredInstance[] | undefined;
  readonly loop: PeriodicLoop;
}

/**
 * One poller per watched app, shared by every watcher of that app: it reads
 * the list every `interval` while someone watches and hands each read to the
 * watchers (they decide what changed for their own filters). Each poller is
 * a {@link PeriodicLoop}: reads never overlap, a failed read is reported and
 * the next one comes on time, timers are unref()ed; the last watcher leaving
 * stops the poller.
 */
export class InstanceWatchHub {
  private readonly apps = new Map<string, AppWatch>();
  private closed = false;

  constructor(private readonly o: InstanceWatchHubOptions) {}

  /** Calls `listener` with the list now (once read) and after every read; returns the unsubscribe. */
  subscribe(app: string, listener: (list: readonly DiscoveredInstance[]) => void): () => void {
    let w = this.apps.get(app);
    if (!w) {
      w = this.watch(app);
      this.apps.set(app, w);
      if (!this.closed) w.loop.start(0);
    } else if (w.last) {
      listener(w.last);
    }
    w.listeners.add(listener);
    const watch = w;
    return () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size > 0 || this.apps.get(app) !== watch) return;
      this.apps.delete(app);
      void watch.loop.stop();
    };
  }

  /** Stops every poller; resolves once the reads in flight have settled. */
  async close(): Promise<void> {
    this.closed = true;
    const watches = [...this.apps.values()];
    this.apps.clear();
    await Promise.all(watches.map((w) => w.loop.stop()));
  }

  private watch(app: string): AppWatch {
    const w: AppWatch = {
      listeners: new Set(),
      last: undefined,
      loop: new PeriodicLoop({
        name: `discovery watch of ${app}`,
        interval: () => this.o.interval(),
        timeout: () => Math.max(this.o.interval(), READ_TIMEOUT_MS),
        run: () => this.poll(app, w),
        onError: (err) => this.o.onError?.(app, err),
        ...(this.o.timers ? { timers: this.o.timers } : {}),
      }),
    };
    return w;
  }

  /** One read handed to the watchers; a failed read rejects (the loop reports it). */
  private async poll(app: string, w: AppWatch): Promise<void> {
    const list = await this.o.list(app);
    w.last = list;
    for (const l of [...w.listeners]) {
      try {
        l(list);
      } catch (err) {
        this.o.onError?.(app, err);
      }
    }
  }
}
