import type { InstanceRegistry, SnapshotBus } from '@governor/bus';
import type { AppMetricNames, AppSlo, CollectorConfig } from '@governor/config';
import type { InstanceSnapshot } from '@governor/metrics';
import type { Logger, Telemetry } from '@governor/telemetry';
import type { Registry } from 'prom-client';
import type { HostStatsSpec } from './host/create-host-stats.js';
import type { HostStatsSource } from './host/host-stats.js';
import type { IoStatsSource } from './host/io-sample.js';
import type { SnapshotIdentity } from './summary/build-snapshot.js';

/** The app a collector reads: a validated AppConfig, or just its name and metric names. */
export interface CollectorApp {
  readonly name: string;
  readonly metrics?: Partial<AppMetricNames>;
  /** Per-app scrape interval/timeout overrides (AppConfig.scrape), ms. */
  readonly scrape?: { readonly interval?: number; readonly timeout?: number };
  /**
   * The app's effective latency SLO (AppConfig.slo): with it, the collector
   * counts requests served within the SLO. Default: none.
   */
  readonly slo?: Pick<AppSlo, 'ms'> | undefined;
}

/** Options for {@link createCollector}. */
export interface CreateCollectorOptions {
  /** The app (an AppConfig works as is). */
  app: CollectorApp;
  /** Who this instance is; `identity.app` must equal `app.name`. */
  identity: SnapshotIdentity;
  /** Metrics endpoints of the instance (URLs). At least one. */
  targets: readonly string[];
  bus: SnapshotBus;
  /** Registry to heartbeat into (TTL `settings.heartbeatTtl`). Default: none. */
  registry?: InstanceRegistry;
  /** Where CPU and memory come from, or a ready source. Default `{ kind: 'none' }`. */
  hostStats?: HostStatsSpec | HostStatsSource;
  /**
   * Where network I/O, disk I/O and open connections come from. Default: the
   * same place as `hostStats` when it is a spec (see createIoStats), none when
   * it is a ready source.
   */
  ioStats?: IoStatsSource;
  /** Scrape interval, timeout, window, caps (CollectorConfig, all in ms/bytes). */
  settings: CollectorConfig;
  logger: Logger;
  /** Wall clock for snapshot windows, ms since epoch. Default `Date.now`. */
  now?: () => number;
  /** Monotonic clock for rates, ms. Default process.hrtime. */
  monotonic?: () => number;
  /** Where the collector's series go. Default: a new registry without process metrics. */
  metricsRegistry?: Registry;
  /** Tracer for scrape and publish spans (startTelemetry().tracer). Default: none. */
  tracer?: Telemetry['tracer'];
  /** Snapshots buffered while the bus is down. Default 10. */
  publishBufferSize?: number;
  /** Random numbers for jitter. Default Math.random. */
  random?: () => number;
}

/** A running collector for one instance. */
export interface Collector {
  /** Starts the scrape, window and heartbeat loops (first scrape at once). Idempotent. */
  start(): void;
  /** Stops the loops, publishes the last partial window, deregisters. Never rejects. */
  stop(): Promise<void>;
  /** Scrapes every target now, then closes the window and publishes its snapshot. Never rejects. */
  collectOnce(): Promise<InstanceSnapshot>;
  /** The collector's Prometheus registry (serve it at /metrics). */
  readonly registry: Registry;
  /** The newest snapshot, once one was built. */
  readonly lastSnapshot: InstanceSnapshot | undefined;
  /** Readiness: whether the last scrape of at least one target succeeded. */
  ready(): boolean;
}
