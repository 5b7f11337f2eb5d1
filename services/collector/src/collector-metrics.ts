import { cumulativeAt, type InstanceSnapshot } from '@governor/metrics';
import { COLLECTOR_METRICS, counterFor, gaugeFor, percentileLabel } from '@governor/telemetry';
import type { Counter, Gauge, Registry } from 'prom-client';
import type { ScrapeOutcome } from './scrape/target-scraper.js';
import type { SnapshotIdentity } from './summary/build-snapshot.js';

const QUANTILE_KEYS = ['p50', 'p90', 'p99'] as const;

/**
 * The collector's Prometheus series (names from COLLECTOR_METRICS): scrape
 * health per target, publish counters, and the `governor_instance_*` gauges
 * of the newest snapshot. Gauges of a signal the newest snapshot lacks are
 * removed rather than left at a stale value.
 */
export class CollectorMetrics {
  private readonly g: Record<
    'cpu' | 'memory' | 'memoryBytes' | 'connections' | 'errors' | 'latency' | 'up' | 'duration' | 'series',
    Gauge
  >;
  private readonly c: Record<
    | 'scrapeErrors'
    | 'published'
    | 'publishErrors'
    | 'requests'
    | 'withinSlo'
    | 'networkReceive'
    | 'networkTransmit'
    | 'diskRead'
    | 'diskWritten',
    Counter
  >;
  private readonly instanceLabels: { app: string; instance: string; region: string };
  private readonly collectorLabels: { app: string; instance: string };

  constructor(
    readonly registry: Registry,
    identity: SnapshotIdentity,
    /** The app's latency SLO (ms): requests within it are counted. Default: none. */
    private readonly sloMs?: number,
  ) {
    const m = COLLECTOR_METRICS;
    this.g = {
      cpu: gaugeFor(registry, m.instanceCpu),
      memory: gaugeFor(registry, m.instanceMemory),
      memoryBytes: gaugeFor(registry, m.instanceMemoryBytes),
      connections: gaugeFor(registry, m.instanceConnections),
      errors: gaugeFor(registry, m.instanceErrorRatio),
      latency: gaugeFor(registry, m.instanceLatency),
      up: gaugeFor(registry, m.scrapeUp),
      duration: gaugeFor(registry, m.scrapeDuration),
      series: gaugeFor(registry, m.scrapeSeries),
    };
    this.c = {
      scrapeErrors: counterFor(registry, m.scrapeErrors),
      published: counterFor(registry, m.snapshotsPublished),
      publishErrors: counterFor(registry, m.publishErrors),
      requests: counterFor(registry, m.instanceRequests),
      withinSlo: counterFor(registry, m.instanceRequestsWithinSlo),
      networkReceive: counterFor(registry, m.instanceNetworkReceive),
      networkTransmit: counterFor(registry, m.instanceNetworkTransmit),
      diskRead: counterFor(registry, m.instanceDiskRead),
      diskWritten: counterFor(registry, m.instanceDiskWritten),
    };
    this.instanceLabels = { app: identity.app, instance: identity.instance, region: identity.region };
    this.collectorLabels = { app: identity.app, instance: identity.instance };
  }

  /** Records one scrape of a target. */
  scrape(outcome: ScrapeOutcome): void {
    const labels = { ...this.collectorLabels, target: outcome.target };
    this.g.up.set(labels, outcome.ok ? 1 : 0);
    this.g.duration.set(labels, outcome.durationMs / 1000);
    if (outcome.ok) this.g.series.set(labels, outcome.series);
    else this.c.scrapeErrors.inc({ ...labels, reason: outcome.reason });
  }

  /**
   * Publishes the signals of the newest snapshot: gauges, and the request
   * counters grown by the snapshot's window (windows do not overlap).
   */
  snapshot(s: InstanceSnapshot): void {
    const l = this.instanceLabels;
    const set = (g: Gauge, v: number | undefined): void => {
      if (v === undefined || !Number.isFinite(v)) g.remove(l);
      else g.set(l, v);
    };
    set(this.g.cpu, s.cpu?.utilization);
    set(this.g.memory, s.memory?.utilization);
    set(this.g.memoryBytes, s.memory?.workingSetBytes);
    set(this.g.connections, s.connections?.established);
    this.countBytes(s);
    this.countRequests(s);
    set(
      this.g.errors,
      s.requests && s.requests.count > 0 ? s.requests.errorRatio : s.requests ? 0 : undefined,
    );
    for (const key of QUANTILE_KEYS) {
      const p = percentileLabel(key);
      const v = s.quantiles?.[key];
      if (v === undefined) this.g.latency.remove({ ...l, percentile: p });
      else this.g.latency.set({ ...l, percentile: p }, v);
    }
  }

  /**
   * Network and disk bytes of the window (windows do not overlap). A counter
   * appears with the first window that has the signal, so a collector that
   * cannot read it exports no series rather than a flat 0.
   */
  private countBytes(s: InstanceSnapshot): void {
    const l = this.instanceLabels;
    if (s.network) {
      this.c.networkReceive.inc(l, s.network.receiveBytes);
      this.c.networkTransmit.inc(l, s.network.transmitBytes);
    }
    if (s.disk) {
      this.c.diskRead.inc(l, s.disk.readBytes);
      this.c.diskWritten.inc(l, s.disk.writeBytes);
    }
  }

  /**
   * Requests of the window, and those within the SLO: the share of the
   * window's latency histogram at or under the SLO (linear inside a bucket,
   * like histogram_quantile) applied to the window's request count. Without
   * a bucket histogram (a sketch or a summary), nothing is counted within the
   * SLO: a guess would hide a breach.
   */
  private countRequests(s: InstanceSnapshot): void {
    const l = this.instanceLabels;
    const count = s.requests?.count ?? 0;
    // Touch the counters so that they exist at 0 before the first request (rate() needs two samples).
    this.c.requests.inc(l, count);
    if (this.sloMs === undefined) return;
    const dist = s.latency;
    // Only from bucket histograms: a series that stopped growing while requests did would read as a burn.
    if (count > 0 && dist?.kind === 'buckets' && dist.count > 0) {
      const share = Math.min(1, cumulativeAt(dist, this.sloMs / 1000) / dist.count);
      this.c.withinSlo.inc(l, count * share);
    }
  }

  /** Removes every series of this instance (on stop, so a shared registry keeps no stale ones). */
  clear(targets: readonly string[]): void {
    const l = this.instanceLabels;
    for (const g of [this.g.cpu, this.g.memory, this.g.memoryBytes, this.g.connections, this.g.errors])
      g.remove(l);
    for (const c of [
      this.c.requests,
      this.c.withinSlo,
      this.c.networkReceive,
      this.c.networkTransmit,
      this.c.diskRead,
      this.c.diskWritten,
    ])
      c.remove(l);
    for (const key of QUANTILE_KEYS) this.g.latency.remove({ ...l, percentile: percentileLabel(key) });
    for (const target of targets) {
      const t = { ...this.collectorLabels, target };
      for (const g of [this.g.up, this.g.duration, this.g.series]) g.remove(t);
      for (const reason of ['down', 'timeout', 'parse', 'oversize', 'too_many_series']) {
        this.c.scrapeErrors.remove({ ...t, reason });
      }
    }
    this.c.published.remove(this.collectorLabels);
    this.c.publishErrors.remove(this.collectorLabels);
  }

  /** Counts a snapshot stored on the bus. */
  published(): void {
    this.c.published.inc(this.collectorLabels);
  }

  /** Counts a failed attempt to publish a snapshot. */
  publishFailed(): void {
    this.c.publishErrors.inc(this.collectorLabels);
  }
}
