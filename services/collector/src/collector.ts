import type { InstanceInfo } from '@governor/bus';
import type { AppMetricNames } from '@governor/config';
import { describeError } from '@governor/errors';
import type {
  InstanceSnapshot,
  SnapshotConnections,
  SnapshotCpu,
  SnapshotDisk,
  SnapshotMemory,
  SnapshotNetwork,
} from '@governor/metrics';
import { PeriodicLoop } from '@governor/runtime';
import { createMetricsRegistry, failSpan, inSpan, type Logger } from '@governor/telemetry';
import type { Registry } from 'prom-client';
import { CollectorMetrics } from './collector-metrics.js';
import type { Collector, CreateCollectorOptions } from './collector-types.js';
import { createHostStats, type HostStatsSpec } from './host/create-host-stats.js';
import { createIoStats } from './host/create-io-stats.js';
import { type HostSample, type HostStatsSource, monotonicMs, usageBetween } from './host/host-stats.js';
import type { IoSample, IoStatsSource } from './host/io-sample.js';
import { ioBetween } from './host/io-stats.js';
import { SnapshotPublisher } from './publisher.js';
import { logScrapeOutcome } from './scrape/log-outcome.js';
import { type ScrapeOutcome, TargetScraper } from './scrape/target-scraper.js';
import { buildSnapshot } from './summary/build-snapshot.js';
import { TargetWindow } from './summary/target-window.js';
import type { AppIncrease } from './summary/window-deltas.js';

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
  private readonly scrapers: { scraper: TargetScraper; window: TargetWindow; task: PeriodicLoop }[];
  private readonly windowTask: PeriodicLoop;
  private readonly heartbeatTask: PeriodicLoop | undefined;
  private readonly host: HostStatsSource | undefined;
  private readonly publisher: SnapshotPublisher;
  private readonly now: () => number;
  private hostPrev: HostSample | undefined;
  private readonly io: IoStatsSource | undefined;
  private ioPrev: IoSample | undefined;
  /** Why each I/O signal is unavailable, as last logged (logged again only when it changes). */
  private readonly ioUnavailable = new Map<string, string>();
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
    this.metrics = new CollectorMetrics(this.registry, o.identity, o.app.slo?.ms);
    this.host =
      o.hostStats === undefined
        ? undefined
        : isSource(o.hostStats)
          ? o.hostStats
          : createHostStats(o.hostStats);
    this.io =
      o.ioStats ??
      (o.hostStats === undefined || isSource(o.hostStats) ? undefined : createIoStats(o.hostStats));
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
      const task = new PeriodicLoop({
        name: `scrape ${url}`,
        run: () => this.scrapeTarget(scraper, window),
        interval: () => scraper.nextDelayMs(),
        timeout: () => timeoutMs + 1000,
        onError: (err, message) => this.log.error({ err: describeError(err), target: url }, message),
      });
      return { scraper, window, task };
    });
    this.windowTask = new PeriodicLoop({
      name: 'window',
      run: async () => {
        await this.closeWindow();
      },
      interval: () => o.settings.window,
      timeout: () => Math.max(o.settings.window, 5000),
      onError: (err, message) => this.log.error({ err: describeError(err) }, message),
    });
    if (o.registry) {
      const ttl = o.settings.heartbeatTtl;
      this.heartbeatTask = new PeriodicLoop({
        name: 'heartbeat',
        run: () => this.heartbeat(),
        interval: () => Math.max(100, ttl / 3),
        timeout: () => Math.max(1000, ttl / 3),
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
  /** Readiness sent with the last heartbeat. */
  private reportedReady: boolean | undefined;

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
    await Promise.all(this.scrapers.map((s) => s.task.runOnce()));
    // Through the window task, so it never overlaps a scheduled window close.
    await this.windowTask.runOnce();
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

  private scrapeTarget(scraper: TargetScraper, window: TargetWindow): Promise<void> {
    const attributes = { 'governor.target': scraper.url };
    return inSpan(this.o.tracer, 'collector.scrape', attributes, async (span) => {
      const outcome = await this.scrapeOnce(scraper, window);
      span.setAttribute('governor.scrape.ok', outcome.ok);
      if (!outcome.ok) failSpan(span, outcome.error);
    });
  }

  private async scrapeOnce(scraper: TargetScraper, window: TargetWindow): Promise<ScrapeOutcome> {
    const wasFailing = scraper.consecutiveFailures;
    const outcome = await scraper.scrape();
    window.record(outcome);
    this.metrics.scrape(outcome);
    logScrapeOutcome(this.log, outcome, wasFailing);
    if (outcome.ok) this.lastOutcomeOk.add(outcome.target);
    else this.lastOutcomeOk.delete(outcome.target);
    // Readers of the registry learn of a readiness change now, not at the next heartbeat.
    if (
      this.heartbeatTask &&
      !this.stopped &&
      this.reportedReady !== undefined &&
      this.reportedReady !== this.ready()
    )
      void this.heartbeatTask.runOnce();
    return outcome;
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

  /** Network, disk and connections; a signal that cannot be read is left out and logged once. */
  private async readIo(): Promise<{
    network?: SnapshotNetwork;
    disk?: SnapshotDisk;
    connections?: SnapshotConnections;
  }> {
    if (!this.io) return {};
    let cur: IoSample;
    try {
      cur = await this.io.read();
    } catch (err) {
      // read() never rejects by contract; a source that does must not stop the window.
      this.log.warn({ err: describeError(err), io: this.io.description }, 'cannot read I/O stats');
      this.ioPrev = undefined;
      return {};
    }
    for (const signal of ['network', 'disk', 'connections'] as const) {
      const r = cur[signal];
      const before = this.ioUnavailable.get(signal);
      if ('unavailable' in r) {
        if (before !== r.unavailable)
          this.log.warn({ io: this.io.description, signal, reason: r.unavailable }, `${signal} unavailable`);
        this.ioUnavailable.set(signal, r.unavailable);
      } else if (before !== undefined) {
        this.log.info({ io: this.io.description, signal }, `${signal} readable again`);
        this.ioUnavailable.delete(signal);
      }
    }
    const usage = ioBetween(this.ioPrev, cur);
    this.ioPrev = cur;
    return usage;
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
    const [host, io] = await Promise.all([this.readHost(), this.readIo()]);
    const snapshot = buildSnapshot({
      identity: this.o.identity,
      windowStart: this.windowStart,
      windowEnd,
      increases,
      ...host,
      ...io,
      scrape: { up, ok, failed, ...(up || !lastError ? {} : { lastError }) },
    });
    this.windowStart = windowEnd;
    this.lastSnapshot = snapshot;
    this.metrics.snapshot(snapshot);
    await inSpan(this.o.tracer, 'collector.publish', { 'governor.app': snapshot.app }, async (span) => {
      span.setAttribute('governor.publish.ok', await this.publisher.publish(snapshot));
    });
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
      ready: this.ready(),
    };
    if (this.stopped) return;
    await registry.register(info, settings.heartbeatTtl);
    this.reportedReady = info.ready;
  }
}
