import type { InstanceRegistry, SnapshotBus } from '@governor/bus';
import { type Collector, createCollector } from '@governor/collector';
import type { AppConfig, CollectorConfig } from '@governor/config';
import { describeError } from '@governor/errors';
import type { LocalProvider } from '@governor/providers/local';
import { PeriodicLoop, type Timers } from '@governor/runtime';
import type { Logger } from '@governor/telemetry';

/** One app whose instances run on a local provider. */
export interface LocalApp {
  readonly policy: AppConfig;
  readonly provider: LocalProvider;
  /** Metrics path of the instances, e.g. `/metrics`. */
  readonly metricsPath: string;
}

/** Options of {@link CollectorFleet}. */
export interface CollectorFleetOptions {
  readonly apps: () => readonly LocalApp[];
  readonly bus: SnapshotBus;
  /** Registry the collectors heartbeat into (what discovery serves). Default: none. */
  readonly registry?: InstanceRegistry;
  readonly settings: () => CollectorConfig;
  readonly logger: Logger;
  /** ms between the end of one sync (set of instances compared with the running collectors) and the next. Default 1000. */
  readonly syncInterval?: number;
  /** Timers of the sync loop. Default: Node's, `unref()`ed. */
  readonly timers?: Timers;
}

/** A sync longer than this is reported and abandoned (ms; at least the interval). */
const SYNC_TIMEOUT_MS = 10_000;

/**
 * Runs one in-process collector per started local instance (what a sidecar
 * does on a real machine): starts one when an instance appears, stops it
 * when the instance goes. CPU and memory come from the instance's process.
 * Syncs run on a {@link PeriodicLoop}: never overlapping, a failed one
 * logged and the next one on time.
 */
export class CollectorFleet {
  private readonly collectors = new Map<string, Collector>();
  private readonly loop: PeriodicLoop;

  constructor(private readonly options: CollectorFleetOptions) {
    const interval = options.syncInterval ?? 1000;
    this.loop = new PeriodicLoop({
      name: 'collector fleet sync',
      interval: () => interval,
      timeout: () => Math.max(interval, SYNC_TIMEOUT_MS),
      run: () => this.syncNow(),
      onError: (err, message) => options.logger.error({ err: describeError(err) }, message),
      ...(options.timers ? { timers: options.timers } : {}),
    });
  }

  /** Number of running collectors. */
  get size(): number {
    return this.collectors.size;
  }

  /** Syncs now, then every `syncInterval`. */
  start(): void {
    this.loop.start(0);
  }

  /** Stops syncing (waiting for a sync in flight), then every collector. */
  async stop(): Promise<void> {
    await this.loop.stop();
    await Promise.all([...this.collectors.values()].map((c) => c.stop()));
    this.collectors.clear();
  }

  /** Starts and stops collectors to match the started instances, after a sync in flight. Never rejects. */
  sync(): Promise<void> {
    return this.loop.runOnce();
  }

  private async syncNow(): Promise<void> {
    const wanted = new Set<string>();
    for (const app of this.options.apps()) {
      // An app that reads a metric source (Prometheus, Redis) runs without sidecars.
      if (app.policy.metrics?.source !== undefined) continue;
      let machines: Awaited<ReturnType<LocalProvider['list']>>;
      try {
        machines = await app.provider.list(app.policy.name);
      } catch (err) {
        this.options.logger.warn({ app: app.policy.name, err: describeError(err) }, 'cannot list instances');
        continue;
      }
      for (const m of machines) {
        if (m.state !== 'started' || !m.address) continue;
        const pid = app.provider.pidOf(app.policy.name, m.id);
        // The pid is part of the key: a machine stopped and started again between two syncs is a new
        // process, whose CPU and memory a fresh collector must read.
        const key = `${app.policy.name}/${m.id}/${pid ?? '-'}`;
        wanted.add(key);
        if (this.collectors.has(key)) continue;
        const collector = createCollector({
          app: app.policy,
          identity: { app: app.policy.name, instance: m.id, region: m.region, address: m.address },
          targets: [`http://${m.address}${app.metricsPath}`, ...app.policy.scrape.targets],
          bus: this.options.bus,
          ...(this.options.registry ? { registry: this.options.registry } : {}),
          hostStats: pid === undefined ? { kind: 'none' } : { kind: 'process', pid },
          settings: this.options.settings(),
          logger: this.options.logger, // the collector binds app, instance and region itself
        });
        this.collectors.set(key, collector);
        collector.start();
      }
    }
    for (const [key, collector] of this.collectors) {
      if (wanted.has(key)) continue;
      this.collectors.delete(key);
      await collector.stop();
    }
  }
}
