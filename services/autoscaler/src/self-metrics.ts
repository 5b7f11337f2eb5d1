import { AUTOSCALER_METRICS, type MetricSpec } from '@governor/telemetry';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

type Labels = Record<string, string>;

/** Tick duration buckets in seconds. */
const TICK_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function counter(registry: Registry, s: MetricSpec, collect?: () => void): Counter<string> {
  return new Counter({
    name: s.name,
    help: s.help,
    labelNames: [...s.labels],
    registers: [registry],
    ...(collect ? { collect } : {}),
  });
}
function gauge(registry: Registry, s: MetricSpec, collect?: () => void): Gauge<string> {
  return new Gauge({
    name: s.name,
    help: s.help,
    labelNames: [...s.labels],
    registers: [registry],
    ...(collect ? { collect } : {}),
  });
}

/**
 * The daemon's own metrics, registered under the names of
 * `AUTOSCALER_METRICS` (the alert and dashboard generators query these).
 */
export class SelfMetrics {
  readonly registry: Registry;
  readonly decisions: Counter<string>;
  readonly machines: Gauge<string>;
  readonly desired: Gauge<string>;
  readonly recommended: Gauge<string>;
  readonly minMachines: Gauge<string>;
  readonly maxMachines: Gauge<string>;
  readonly actions: Counter<string>;
  readonly queueDepth: Gauge<string>;
  readonly tickDuration: Histogram<string>;
  readonly appLatency: Gauge<string>;
  readonly appCpu: Gauge<string>;
  readonly appMemory: Gauge<string>;
  readonly appErrorRatio: Gauge<string>;
  readonly appSlo: Gauge<string>;
  readonly appReporting: Gauge<string>;
  readonly configHash: Gauge<string>;
  readonly configReloadSuccess: Gauge<string>;
  readonly configReloadTimestamp: Gauge<string>;
  readonly notifications: Counter<string>;
  /** `governor_leader{replica}`: 1 on the replica that holds the leader lease (always 1 standalone). */
  readonly leader: Gauge<string>;
  /** `governor_leader_fencing_token{replica}`: fencing token of the current lease (cluster mode). */
  readonly fencingToken: Gauge<string>;
  /** `governor_shards_owned{replica}`: shards whose lease this replica holds (cluster mode). */
  readonly shardsOwned: Gauge<string>;
  /** `governor_shards{replica}`: shards the apps are split into (cluster mode). */
  readonly shards: Gauge<string>;

  /** `governor_source_query_duration_seconds{source,type}`: one read of a metric source. */
  readonly sourceQueryDuration: Histogram<string>;
  /** `governor_source_failures_total{source,type,code}`: reads that failed in whole or in part. */
  readonly sourceFailures: Counter<string>;

  /** Run before any per-app metric is read (see {@link onCollect}). */
  private readonly collectors: Array<() => void> = [];

  /** @param registry where to register; default a fresh one. */
  constructor(registry = new Registry()) {
    const m = AUTOSCALER_METRICS;
    this.registry = registry;
    const app = () => this.flushPending();
    this.decisions = counter(registry, m.decisions, app);
    this.machines = gauge(registry, m.machines, app);
    this.desired = gauge(registry, m.desired, app);
    this.recommended = gauge(registry, m.recommended, app);
    this.minMachines = gauge(registry, m.minMachines, app);
    this.maxMachines = gauge(registry, m.maxMachines, app);
    this.actions = counter(registry, m.actions);
    this.queueDepth = gauge(registry, m.actionQueueDepth);
    this.tickDuration = new Histogram({
      name: m.tickDuration.name,
      help: m.tickDuration.help,
      labelNames: [...m.tickDuration.labels],
      buckets: TICK_BUCKETS,
      registers: [registry],
    });
    this.appLatency = gauge(registry, m.appLatency, app);
    this.appCpu = gauge(registry, m.appCpu, app);
    this.appMemory = gauge(registry, m.appMemory, app);
    this.appErrorRatio = gauge(registry, m.appErrorRatio, app);
    this.appSlo = gauge(registry, m.appSlo, app);
    this.appReporting = gauge(registry, m.appInstancesReporting, app);
    this.configHash = gauge(registry, m.configHash);
    this.configReloadSuccess = gauge(registry, m.configReloadSuccess);
    this.configReloadTimestamp = gauge(registry, m.configReloadTimestamp);
    this.notifications = counter(registry, m.notifications);
    this.leader = gauge(registry, m.leader);
    this.fencingToken = gauge(registry, m.fencingToken);
    this.shardsOwned = gauge(registry, m.shardsOwned);
    this.shards = gauge(registry, m.shards);
    this.sourceQueryDuration = new Histogram({
      name: m.sourceQueryDuration.name,
      help: m.sourceQueryDuration.help,
      labelNames: [...m.sourceQueryDuration.labels],
      buckets: TICK_BUCKETS,
      registers: [registry],
    });
    this.sourceFailures = counter(registry, m.sourceFailures);
  }

  /**
   * Registers `flush`, run whenever a per-app metric (decisions, machines,
   * desired, recommended, min/max, fleet latency, cpu, memory, error ratio,
   * reporting, SLO) is read: a scrape, `get()`, the registry's text. A writer
   * that updates them on every tick can keep its values and write them here,
   * once per scrape instead of once per tick.
   */
  onCollect(flush: () => void): void {
    this.collectors.push(flush);
  }

  private flushPending(): void {
    for (const flush of this.collectors) flush();
  }

  /** Sets a gauge, or removes the series when the value is undefined (missing metric). */
  static setOrRemove(g: Gauge<string>, labels: Labels, value: number | undefined): void {
    if (value === undefined || !Number.isFinite(value)) g.remove(labels);
    else g.set(labels, value);
  }

  /** Removes every per-app series of `app` (app removed from the config). */
  forgetApp(app: string): void {
    for (const g of [
      this.machines,
      this.desired,
      this.recommended,
      this.minMachines,
      this.maxMachines,
      this.appLatency,
      this.appCpu,
      this.appMemory,
      this.appErrorRatio,
      this.appSlo,
      this.appReporting,
    ]) {
      g.remove({ app });
    }
  }
}

/** The first 48 bits of a hex SHA-256, as a number (fits a float64 exactly). */
export function hashToGaugeValue(hexHash: string): number {
  return Number.parseInt(hexHash.slice(0, 12), 16);
}
