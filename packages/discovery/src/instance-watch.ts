import { Backoff, type BackoffOptions } from './backoff.js';
import type { InstanceList } from './instance.js';
import { SseReader } from './sse-reader.js';

/** Options of {@link InstanceWatch}. */
export interface InstanceWatchOptions {
  /** The watch URL (`.../v1/apps/:app/instances/watch?near=...`). */
  readonly url: string;
  /** Extra request headers (e.g. `authorization`). Default none. */
  readonly headers?: Readonly<Record<string, string>>;
  /** The fetch to use. Default the runtime's `fetch`. */
  readonly fetch?: typeof fetch;
  /** Reconnect delays. Defaults: 250 ms doubling to 10 s, with jitter. */
  readonly backoff?: BackoffOptions;
  /** A stream silent this long (ms) is dropped and reopened; the server sends a keep-alive every 15 s. Default 45000. */
  readonly idleTimeoutMs?: number;
  /** Receives every list the server sends. */
  readonly onList: (list: InstanceList) => void;
  /** Receives connection and decode errors (the watch retries by itself). Default: ignore. */
  readonly onError?: (err: unknown) => void;
}

function isInstanceList(v: unknown): v is InstanceList {
  const o = v as Partial<InstanceList> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.app === 'string' &&
    Array.isArray(o.regions) &&
    Array.isArray(o.instances)
  );
}

/**
 * Keeps a server-sent-events watch of the instance list open: reconnects
 * with backoff whenever it fails or goes silent, and hands every list to
 * `onList`. The server sends the whole list on connect, so a reconnect
 * catches up at once.
 */
export class InstanceWatch {
  private readonly backoff: Backoff;
  private readonly fetchFn: typeof fetch;
  private current: AbortController | undefined;
  private readonly stopped = new AbortController();
  private loop: Promise<void> | undefined;
  private live = false;

  constructor(private readonly o: InstanceWatchOptions) {
    this.backoff = new Backoff(o.backoff);
    this.fetchFn = o.fetch ?? fetch;
  }

  /** True while a stream is open and has delivered a list. */
  get connected(): boolean {
    return this.live;
  }

  /** Starts watching. Idempotent. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Closes the stream and stops reconnecting. */
  async close(): Promise<void> {
    this.stopped.abort();
    this.current?.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped.signal.aborted) {
      try {
        await this.stream();
      } catch (err) {
        if (!this.stopped.signal.aborted) this.o.onError?.(err);
      }
      this.live = false;
      if (this.stopped.signal.aborted) return;
      await sleep(this.backoff.next(), this.stopped.signal);
    }
  }

  /** One connection, until it ends or fails. */
  private async stream(): Promise<void> {
    const ctrl = new AbortController();
    this.current = ctrl;
    const idleMs = this.o.idleTimeoutMs ?? 45_000;
    const arm = () => unref(setTimeout(() => ctrl.abort(new Error('watch went silent')), idleMs));
    let idle = arm();
    try {
      const res = await this.fetchFn(this.o.url, {
        headers: { accept: 'text/event-stream', ...this.o.headers },
        signal: ctrl.signal,
      });
      if (!res.ok || !res.body) throw new Error(`watch ${this.o.url} answered HTTP ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const sse = new SseReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        clearTimeout(idle);
        idle = arm();
        for (const ev of sse.push(decoder.decode(value, { stream: true }))) {
          if (ev.event !== 'instances') continue;
          const list: unknown = JSON.parse(ev.data);
          if (!isInstanceList(list)) throw new Error('watch sent an event that is not an instance list');
          this.live = true;
          this.backoff.reset();
          this.o.onList(list);
        }
      }
    } finally {
      clearTimeout(idle);
      ctrl.abort();
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = unref(setTimeout(done, ms));
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Timers never keep a process alive on their own (where the runtime supports it). */
function unref<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
