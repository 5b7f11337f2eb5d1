import type { InstanceInfo, InstanceRegistry, SnapshotBus } from '@governor/bus';
import type { AppMetricNames, CollectorConfig } from '@governor/config';
import { describeError } from '@governor/errors';
import type { InstanceSnapshot, SnapshotCpu, SnapshotMemory } from '@governor/metrics';
import { createMetricsRegistry, type Logger, type Telemetry } from '@governor/telemetry';
import type { Registry } from 'prom-client';
import { CollectorMetrics } from './collector-metrics.js';
import { createHostStats, type HostStatsSpec } from './host/create-host-stats.js';
import { type HostSample, type HostStatsSource, monotonicMs, usageBetween } from './host/host-stats.js';
import { PeriodicTask } from './loop/periodic-task.js';
import { SnapshotPublisher } from './publisher.js';
import { type ScrapeOutcome, TargetScraper } from './scrape/target-scraper.js';
import { buildSnapshot, type SnapshotIdentity } from './summary/build-snapshot.js';
import { TargetWindow } from './summary/target-window.js';
import type { AppIncrease } from './summary/window-deltas.js';

/** The app a collector reads: a validated AppConfig, or just its name and metric names. */
export interface CollectorApp {
  readonly name: string;
  readonly metrics?: Partial<AppMetricNames>;
  /** Per-app scrape interval/timeout overrides (AppConfig.scrape), ms. */
  readonly scrape?: { readonly interval?: number; readonly timeout?: number };
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

const METRIC_DEFAULTS: AppMetricNames = { custom: [] };

function isSource(x: HostStatsSpec | HostStatsSource): x is HostStatsSource {
  return typeof (x as HostStatsSource).read === 'function';
}

/** Creates a collector; nothing runs until start() or collectOnce(). */
export function createCollector(options: CreateCollectorOptions): Collector {
  return new CollectorImpl(options);
}

class CollectorImpl implements Collector {
  readonly registry: Registry;
  lastSnapshot: InstanceSnapshot | undefined;
  private readonly log: Logger;
  private readonly metrics: CollectorMetrics;
  private readonly scrapers: { scraper: TargetScraper; window: TargetWindow; task: PeriodicTask }[];
  private readonly windowTask: PeriodicTask;
  private readonly heartbeatTask: PeriodicTask | undefined;
  private readonly host: HostStatsSource | undefined;
  private readonly publisher: SnapshotPublisher;
  private readonly now: () => number;
  private hostPrev: HostSample | undefined;
  private windowStart: number;
  private started = false;
  private stopped = false;
  private readonly startedAt: number;
  private hostFailing = false;

  constructor(private readonly o: CreateCollectorOptions) {
    if (o.targets.length === 0) throw new TypeError('createCollector needs at least one target');
    if (o.identity.app !== o.app.name) {
      throw new TypeError(`identity.app ${o.identity.app} differs from app.name ${o.app.name}`);
    }
    this.now = o.now ?? Date.now;
    this.startedAt = this.now();
    this.windowStart = this.startedAt;
    const ids = { app: o.identity.app, instance: o.identity.instance };
    this.log = o.logger.child({ ...ids, region: o.identity.region });
    this.registry = o.metricsRegistry ?? createMetricsRegistry({ processMetrics: false });
    this.metrics = new CollectorMetrics(this.registry, o.identity);
    this.host =
      o.hostStats === undefined
        ? undefined
        : isSource(o.hostStats)
          ? o.hostStats
          : createHostStats(o.hostStats);
    this.publisher = new SnapshotPublisher({
      bus: o.bus,
      logger: this.log,
      bufferSize: o.publishBufferSize ?? 10,
      onPublished: () => this.metrics.published(),
      onFailed: () => this.metrics.publishFailed(),
    });
    const names: AppMetricNames = {
      ...METRIC_DEFAULTS,
      ...o.app.metrics,
      custom: o.app.metrics?.custom ?? [],
    };
    const intervalMs = o.app.scrape?.interval ?? o.settings.scrapeInterval;
    const timeoutMs = Math.min(o.app.scrape?.timeout ?? o.settings.scrapeTimeout, intervalMs);
    this.scrapers = o.targets.map((url) => {
      const scraper = new TargetScraper({
        url,
        names,
        timeoutMs,
        intervalMs,
        jitter: o.settings.jitter,
        maxBodyBytes: o.settings.maxBodyBytes,
        maxSeries: o.settings.maxSeries,
        clock: o.monotonic ?? monotonicMs,
        ...(o.random ? { random: o.random } : {}),
      });
      const window = new TargetWindow(o.settings.staleAfter);
      const task = new PeriodicTask({
        name: `scrape ${url}`,
        run: () => this.scrapeTarget(scraper, window),
        nextDelayMs: () => scraper.nextDelayMs(),
        timeoutMs: timeoutMs + 1000,
        onError: (err, message) => this.log.error({ err: describeError(err), target: url }, message),
      });
      return { scraper, window, task };
    });
    this.windowTask = new PeriodicTask({
      name: 'window',
      run: async () => {
        await this.closeWindow();
      },
      nextDelayMs: () => o.settings.window,
      timeoutMs: Math.max(o.settings.window, 5000),
      onError: (err, message) => this.log.error({ err: describeError(err) }, message),
    });
    if (o.registry) {
      const ttl = o.settings.heartbeatTtl;
      this.heartbeatTask = new PeriodicTask({
        name: 'heartbeat',
        run: () => this.heartbeat(),
        nextDelayMs: () => Math.max(100, ttl / 3),
        timeoutMs: Math.max(1000, ttl / 3),
        onError: (err, message) => this.log.warn({ err: describeError(err) }, message),
      });
    }
  }

  ready(): boolean {
    return this.scrapers.some(
      (s) => s.scraper.consecutiveFailures === 0 && this.lastOutcomeOk.has(s.scraper.url),
    );
  }

  private readonly lastOutcomeOk = new Set<string>();

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    for (const s of this.scrapers) s.task.start(0);
    this.windowTask.start(this.o.settings.window);
    this.heartbeatTask?.start(0);
    this.log.info(
      { targets: this.o.targets, host: this.host?.description ?? 'none', window: this.o.settings.window },
      'collector started',
    );
  }

  async collectOnce(): Promise<InstanceSnapshot> {
    await Promise.all(this.scrapers.map((s) => s.task.runNow()));
    // Through the window task, so it never overlaps a scheduled window close.
    await this.windowTask.runNow();
    return this.lastSnapshot as InstanceSnapshot;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    // Stop the timers, flush the last (partial) window, then close downstream.
    await Promise.all([
      ...this.scrapers.map((s) => s.task.stop()),
      this.windowTask.stop(),
      this.heartbeatTask?.stop(),
    ]);
    if (this.started) {
      try {
        await this.closeWindow();
      } catch (err) {
        this.log.error({ err: describeError(err) }, 'could not publish the last window');
      }
    }
    if (this.o.registry) {
      try {
        await this.o.registry.deregister(this.o.identity.app, this.o.identity.instance);
      } catch (err) {
        this.log.warn({ err: describeError(err) }, 'could not deregister the instance');
      }
    }
    for (const s of this.scrapers) s.scraper.close();
    if (this.o.metricsRegistry) this.metrics.clear(this.o.targets);
    this.log.info('collector stopped');
  }

  private async scrapeTarget(scraper: TargetScraper, window: TargetWindow): Promise<void> {
    const span = this.o.tracer?.startSpan('collector.scrape', {
      attributes: { 'governor.target': scraper.url },
    });
    const wasFailing = scraper.consecutiveFailures;
    const outcome = await scraper.scrape();
    window.record(outcome);
    this.metrics.scrape(outcome);
    this.logOutcome(outcome, wasFailing);
    if (outcome.ok) this.lastOutcomeOk.add(outcome.target);
    else this.lastOutcomeOk.delete(outcome.target);
    if (span) {
      span.setAttribute('governor.scrape.ok', outcome.ok);
      if (!outcome.ok) span.setStatus({ code: 2, message: outcome.error.message });
      span.end();
    }
  }

  private logOutcome(outcome: ScrapeOutcome, failuresBefore: number): void {
    const base = { target: outcome.target, durationMs: Math.round(outcome.durationMs) };
    if (outcome.ok) {
      if (failuresBefore > 0)
        this.log.info({ ...base, failures: failuresBefore }, 'scrape target is back up');
      else this.log.debug({ ...base, series: outcome.series, sources: outcome.sample.sources }, 'scraped');
      return;
    }
    const fields = { ...base, reason: outcome.reason, code: outcome.error.code, err: outcome.error.message };
    // One line per failure would flood the log of a target down for hours: log the first and every tenth.
    if (failuresBefore === 0) this.log.warn(fields, `scrape failed (${outcome.reason})`);
    else if ((failuresBefore + 1) % 10 === 0) {
      this.log.warn({ ...fields, failures: failuresBefore + 1 }, `scrape still failing (${outcome.reason})`);
    }
  }

  private async readHost(): Promise<{ cpu?: SnapshotCpu; memory?: SnapshotMemory }> {
    if (!this.host) return {};
    try {
      const cur = await this.host.read();
      const usage = usageBetween(this.hostPrev, cur);
      this.hostPrev = cur;
      if (this.hostFailing) this.log.info({ host: this.host.description }, 'host stats readable again');
      this.hostFailing = false;
      return usage;
    } catch (err) {
      if (!this.hostFailing)
        this.log.warn({ err: describeError(err), host: this.host.description }, 'cannot read host stats');
      this.hostFailing = true;
      this.hostPrev = undefined;
      return {};
    }
  }

  private async closeWindow(): Promise<InstanceSnapshot> {
    const windowEnd = this.now();
    const increases: AppIncrease[] = [];
    let ok = 0;
    let failed = 0;
    let up = false;
    let lastError: string | undefined;
    for (const s of this.scrapers) {
      const w = s.window.close();
      if (w.increase) increases.push(w.increase);
      ok += w.ok;
      failed += w.failed;
      up ||= w.up;
      lastError ??= w.lastError;
    }
    const host = await this.readHost();
    const snapshot = buildSnapshot({
      identity: this.o.identity,
      windowStart: this.windowStart,
      windowEnd,
      increases,
      ...host,
      scrape: { up, ok, failed, ...(up || !lastError ? {} : { lastError }) },
    });
    this.windowStart = windowEnd;
    this.lastSnapshot = snapshot;
    this.metrics.snapshot(snapshot);
    const span = this.o.tracer?.startSpan('collector.publish', {
      attributes: { 'governor.app': snapshot.app },
    });
    const published = await this.publisher.publish(snapshot);
    span?.setAttribute('governor.publish.ok', published);
    span?.end();
    return snapshot;
  }

  private async heartbeat(): Promise<void> {
    const { identity, registry, targets, settings } = this.o;
    if (!registry) return;
    const info: InstanceInfo = {
      app: identity.app,
      instance: identity.instance,
      region: identity.region,
      ...(identity.address ? { address: identity.address } : {}),
      targets,
      startedAt: this.startedAt,
    };
    await registry.register(info, settings.heartbeatTtl);
  }
}
