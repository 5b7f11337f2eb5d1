import type { BackoffOptions } from './backoff.js';
import { candidates } from './candidates.js';
import type { Instance, InstanceList } from './instance.js';
import { InstanceWatch } from './instance-watch.js';
import { leastLoaded } from './least-loaded.js';
import { RegionLatency } from './region-latency.js';
import type { PickContext, Strategy } from './strategy.js';

/** Options of {@link DiscoveryClient}. */
export interface DiscoveryClientOptions {
  /** Base URL of the Governor API, e.g. `http://governor.internal:9470`. */
  readonly url: string;
  /** The app whose instances to keep. */
  readonly app: string;
  /** The caller's region: picks stay in it while it has a pickable instance. Default: none (server order). */
  readonly region?: string;
  /** Strategy of `pick()` and `acquire()` when none is given. Default {@link leastLoaded}. */
  readonly strategy?: Strategy;
  /** Bearer token sent with the watch, for deployments that guard reads. Default none. */
  readonly token?: string;
  /** Default the runtime's `fetch`. */
  readonly fetch?: typeof fetch;
  /** Reconnect delays of the watch. Defaults: 250 ms doubling to 10 s, with jitter. */
  readonly backoff?: BackoffOptions;
  /** A silent watch is reopened after this long, ms. Default 45000. */
  readonly idleTimeoutMs?: number;
  /** A list to use until the first one arrives (e.g. saved by a previous run). Default none. */
  readonly initial?: InstanceList;
  /** Random numbers in [0, 1). Default `Math.random`. */
  readonly random?: () => number;
  /** Called with every list received. Default none. */
  readonly onChange?: (list: InstanceList) => void;
  /** Called with watch errors (the client retries by itself and keeps its last list). Default none. */
  readonly onError?: (err: unknown) => void;
}

/** Options of one pick. */
export interface PickOptions {
  /** Default: the client's strategy. */
  readonly strategy?: Strategy;
  /** Instances not to pick (e.g. already tried for this request). Default none. */
  readonly exclude?: (instance: Instance) => boolean;
}

/** An instance picked with {@link DiscoveryClient.acquire}; release it when the request ends. */
export interface Lease {
  readonly instance: Instance;
  /** Ends the request; give its duration (ms) to feed the region latency. Idempotent. */
  release(latencyMs?: number): void;
}

/**
 * Keeps an app's live instance list from the Governor API (one server-sent
 * events watch; on failure it retries with backoff and keeps serving the
 * last list it had) and picks instances: same region first, falling back to
 * other regions when it has no ready instance; never a not-ready or
 * draining one.
 */
export class DiscoveryClient {
  private current: InstanceList | undefined;
  private readonly watch: InstanceWatch;
  private readonly strategy: Strategy;
  private readonly latency = new RegionLatency();
  private readonly inFlight = new Map<string, number>();
  private readonly ctx: PickContext;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly o: DiscoveryClientOptions) {
    this.current = o.initial;
    this.strategy = o.strategy ?? leastLoaded();
    this.ctx = { inFlight: (id) => this.inFlight.get(id) ?? 0, random: o.random ?? Math.random };
    const base = o.url.replace(/\/+$/, '');
    const query = o.region === undefined ? '' : `?near=${encodeURIComponent(o.region)}`;
    this.watch = new InstanceWatch({
      url: `${base}/v1/apps/${encodeURIComponent(o.app)}/instances/watch${query}`,
      ...(o.token ? { headers: { authorization: `Bearer ${o.token}` } } : {}),
      ...(o.fetch ? { fetch: o.fetch } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
      ...(o.idleTimeoutMs === undefined ? {} : { idleTimeoutMs: o.idleTimeoutMs }),
      onList: (list) => this.onList(list),
      ...(o.onError ? { onError: o.onError } : {}),
    });
  }

  /** Starts the watch. Idempotent. */
  start(): this {
    this.watch.start();
    return this;
  }

  /** Resolves once a list is known (at once when one already is). */
  ready(): Promise<void> {
    if (this.current) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Whether the watch is connected now (the list is live rather than the last known). */
  get connected(): boolean {
    return this.watch.connected;
  }

  /** The last list received (or the initial one), if any. */
  list(): InstanceList | undefined {
    return this.current;
  }

  /** Every listed instance, pickable or not. */
  instances(): readonly Instance[] {
    return this.current?.instances ?? [];
  }

  /**
   * The instance the strategy picks among the pickable ones of the nearest
   * region that has any (after `exclude`); undefined when none is pickable.
   */
  pick(options: PickOptions = {}): Instance | undefined {
    if (!this.current) return undefined;
    const pool = candidates(this.current, this.o.region, this.latency, options.exclude);
    return pool.length === 0 ? undefined : (options.strategy ?? this.strategy).pick(pool, this.ctx);
  }

  /** Like {@link pick}, and counts the request in flight until it is released (least loaded reads it). */
  acquire(options: PickOptions = {}): Lease | undefined {
    const instance = this.pick(options);
    if (!instance) return undefined;
    this.inFlight.set(instance.id, (this.inFlight.get(instance.id) ?? 0) + 1);
    let released = false;
    return {
      instance,
      release: (latencyMs?: number) => {
        if (released) return;
        released = true;
        const n = (this.inFlight.get(instance.id) ?? 1) - 1;
        if (n <= 0) this.inFlight.delete(instance.id);
        else this.inFlight.set(instance.id, n);
        if (latencyMs !== undefined) this.latency.observe(instance.region, latencyMs);
      },
    };
  }

  /** Records a measured latency (ms) to a region; fallback regions are ordered by it when known. */
  observeLatency(region: string, ms: number): void {
    this.latency.observe(region, ms);
  }

  /** Closes the watch. The last list stays readable. */
  async close(): Promise<void> {
    await this.watch.close();
    for (const w of this.waiters.splice(0)) w();
  }

  private onList(list: InstanceList): void {
    this.current = list;
    for (const w of this.waiters.splice(0)) w();
    this.o.onChange?.(list);
  }
}
