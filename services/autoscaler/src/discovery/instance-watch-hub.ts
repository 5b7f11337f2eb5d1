import type { DiscoveredInstance } from './discovered-instance.js';

/** Options of {@link InstanceWatchHub}. */
export interface InstanceWatchHubOptions {
  /** Reads the list of an app (rejections keep the last list and are reported). */
  readonly list: (app: string) => Promise<DiscoveredInstance[]>;
  /** Time between two reads of an app with watchers, ms (`discovery.watchInterval`). */
  readonly interval: () => number;
  /** Called with a failed read. Default: ignore. */
  readonly onError?: (app: string, err: unknown) => void;
}

interface AppWatch {
  readonly listeners: Set<(list: readonly DiscoveredInstance[]) => void>;
  last: readonly DiscoveredInstance[] | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * One poller per watched app, shared by every watcher of that app: it reads
 * the list every `interval` while someone watches and hands each read to the
 * watchers (they decide what changed for their own filters). Reads never
 * overlap, timers are unref()ed, the last watcher leaving stops the poller.
 */
export class InstanceWatchHub {
  private readonly apps = new Map<string, AppWatch>();
  private closed = false;

  constructor(private readonly o: InstanceWatchHubOptions) {}

  /** Calls `listener` with the list now (once read) and after every read; returns the unsubscribe. */
  subscribe(app: string, listener: (list: readonly DiscoveredInstance[]) => void): () => void {
    let w = this.apps.get(app);
    if (!w) {
      w = { listeners: new Set(), last: undefined, timer: undefined };
      this.apps.set(app, w);
      this.schedule(app, w, 0);
    } else if (w.last) {
      listener(w.last);
    }
    w.listeners.add(listener);
    const watch = w;
    return () => {
      watch.listeners.delete(listener);
      if (watch.listeners.size > 0 || this.apps.get(app) !== watch) return;
      clearTimeout(watch.timer);
      this.apps.delete(app);
    };
  }

  /** Stops every poller. */
  close(): void {
    this.closed = true;
    for (const w of this.apps.values()) clearTimeout(w.timer);
    this.apps.clear();
  }

  private schedule(app: string, w: AppWatch, delay: number): void {
    if (this.closed || this.apps.get(app) !== w) return;
    w.timer = setTimeout(() => void this.poll(app, w), delay);
    w.timer.unref();
  }

  private async poll(app: string, w: AppWatch): Promise<void> {
    try {
      const list = await this.o.list(app);
      w.last = list;
      for (const l of [...w.listeners]) {
        try {
          l(list);
        } catch (err) {
          this.o.onError?.(app, err);
        }
      }
    } catch (err) {
      this.o.onError?.(app, err);
    }
    this.schedule(app, w, this.o.interval());
  }
}
