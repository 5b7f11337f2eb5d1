import { randomUUID } from 'node:crypto';
import type { ActionQueue, ActionResult } from '@governor/actions';
import type { InstanceRegistry, SnapshotBus } from '@governor/bus';
import type { GovernorConfig } from '@governor/config';
import { describeError, GovernorError } from '@governor/errors';
import type { InstanceSnapshot } from '@governor/metrics';
import type { Provider } from '@governor/providers';
import { type History, decide as scalerDecide } from '@governor/scaler';
import { inSpan, type Logger, silentLogger } from '@governor/telemetry';
import type { Tracer } from '@opentelemetry/api';
import { AbortFanout } from './abort-fanout.js';
import { AppLoops } from './app-loops.js';
import { AppRuntime } from './app-runtime.js';
import { type AppTickContext, failedRecord, tickApp } from './app-tick.js';
import { ConcurrencyLimit } from './concurrency-limit.js';
import { type ConfigLoader, ConfigReloader, type ReloadStatus } from './config-reloader.js';
import { type AlertSink, DaemonAlerts } from './daemon-alerts.js';
import { DecisionLog } from './decision-log.js';
import type { DecisionRecord } from './decision-record.js';
import { drainMachines } from './discovery/drain-machines.js';
import { logAction, logDecision } from './log-lines.js';
import { primaryRegionOf } from './primary-region.js';
import { RecordMetrics } from './record-metrics.js';
import { hashToGaugeValue, SelfMetrics } from './self-metrics.js';
import type { MetricSource } from './sources/metric-source.js';
import { SidecarSource } from './sources/sidecar-source.js';
import { SourceSet } from './sources/source-set.js';
import { tracedScaleQueue } from './traced-scale-queue.js';
import { autoscalerTracer } from './tracing.js';

/** Options of {@link Autoscaler}. */
export interface AutoscalerOptions {
  /** The validated config in force at start. */
  readonly config: GovernorConfig;
  /** Its hash (from the config loader). */
  readonly configHash: string;
  /** Config file to watch and reload; with `loadConfig`. Default: no reload. */
  readonly configPath?: string;
  readonly loadConfig?: ConfigLoader;
  /** Started providers, by provider name in the config. */
  readonly providers: Readonly<Record<string, Provider>>;
  readonly bus: SnapshotBus;
  /**
   * The instance registry collectors heartbeat into: discovery serves it, and
   * the default queue marks machines draining in it before a scale-down
   * stops them. Default: none (no discovery, no drain marks).
   */
  readonly registry?: InstanceRegistry;
  /** Default: an {@link InProcessActionQueue} over the providers' reconcile worker. */
  readonly queue?: ActionQueue;
  /** Edge requests/s of an app (local proxy), for scale from zero. */
  readonly edgeRps?: (app: string) => number | undefined;
  /** Fencing token of the app's shard lease, attached to its actions (cluster mode). */
  readonly fencingToken?: (app: string) => number | undefined;
  /** The decision function. Default `decide` from @governor/scaler (tests inject failures). */
  readonly decide?: typeof scalerDecide;
  /** Clock, ms since epoch. Default `Date.now`. */
  readonly now?: () => number;
  /** Default: silent. */
  readonly logger?: Logger;
  /** Default: fresh metrics on a fresh registry. */
  readonly metrics?: SelfMetrics;
  /** Default: the global OpenTelemetry tracer `governor-autoscaler`. */
  readonly tracer?: Tracer;
  /** Scale action timeout in ms. Default 60000. */
  readonly actionTimeout?: number;
  /**
   * Whether this replica may decide an app now (cluster mode: it holds the
   * lease of the app's shard). A tick that starts while it returns false is
   * skipped: nothing is observed, decided or enqueued. Default: always
   * (standalone), and then `governor_leader{replica}` is exported as 1.
   */
  readonly leading?: (app: string) => boolean;
  /**
   * Apps whose tick runs at once (reading snapshots, deciding, saving
   * history); the others wait their turn. Every loop fires at the same
   * moment, and thousands of reads in flight at once would starve the event
   * loop (lease renewals time out, the replica steps down). Groups of
   * several apps (`tickGroup`) also tick two at a time at most. Default 32.
   */
  readonly tickConcurrency?: number;
  /**
   * The group an app ticks with (cluster mode: its shard): a group's apps
   * share one loop, one timer and one timeout, and tick together, so their
   * reads and history saves go out in one batch. Default: every app on its
   * own loop (a slow app never delays another).
   */
  readonly tickGroup?: (app: string) => string;
  /** Replica name of the `governor_leader` gauge in standalone mode. Default `standalone`. */
  readonly replicaId?: string;
  /** Persists each app's scaler history after every decision, before acting. Default: none. */
  readonly saveHistory?: (app: string, history: History) => Promise<void>;
  /** Why the daemon is not ready beyond its own state (e.g. Redis unreachable), or undefined. Default: none. */
  readonly readiness?: () => string | undefined;
  /** Where the daemon's own alerts go (a `@governor/notify` Notifier). Default: none. */
  readonly alerts?: AlertSink;
  /** fetch for Prometheus metric sources. Default: the global fetch. */
  readonly fetch?: typeof fetch;
}

/**
 * The autoscaler daemon: every `daemon.tickInterval` it observes each app,
 * calls the scaler, records the decision and hands the target to the action
 * queue; one app's failure never stops another's tick. It owns its loop,
 * queue (unless given one) and config reloader; providers and the bus belong
 * to the caller.
 */
export class Autoscaler {
  readonly decisions: DecisionLog;
  readonly metrics: SelfMetrics;
  readonly queue: ActionQueue;
  private readonly recordMetrics: RecordMetrics;
  private readonly runtimes = new Map<string, AppRuntime>();
  private readonly loops: AppLoops;
  private readonly reloader: ConfigReloader | undefined;
  private readonly logger: Logger;
  private readonly tracer: Tracer;
  private readonly now: () => number;
  private readonly decideFn: typeof scalerDecide;
  private current: GovernorConfig;
  private hash: string;
  private lastReload: ReloadStatus | undefined;
  private ticked = false;
  private readonly ownsQueue: boolean;
  private readonly alerts: DaemonAlerts | undefined;
  private readonly sources: SourceSet;
  private readonly tickSlots: ConcurrencyLimit;
  /** Groups (shards) ticking at once: each reads its apps' snapshots in one batch. */
  private readonly groupSlots = new ConcurrencyLimit(2);

  constructor(private readonly options: AutoscalerOptions) {
    this.current = options.config;
    this.hash = options.configHash;
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger();
    this.tracer = options.tracer ?? autoscalerTracer();
    this.decideFn = options.decide ?? scalerDecide;
    this.tickSlots = new ConcurrencyLimit(options.tickConcurrency ?? 32);
    this.loops = new AppLoops({
      ...(options.tickGroup ? { groupOf: options.tickGroup } : {}),
      interval: () => this.current.daemon.tickInterval,
      timeout: () => Math.max(this.current.daemon.tickInterval, 1000),
      run: (apps, signal) => this.tickAll(apps, signal),
      onError: (err, apps) =>
        this.logger.error(
          apps.length === 1
            ? { app: apps[0]?.name, err: describeError(err) }
            : { apps: apps.length, err: describeError(err) },
          'autoscaler tick failed',
        ),
    });
    this.metrics = options.metrics ?? new SelfMetrics();
    this.alerts = options.alerts
      ? new DaemonAlerts({ sink: options.alerts, config: () => this.current, logger: this.logger })
      : undefined;
    this.recordMetrics = new RecordMetrics(this.metrics);
    this.sources = new SourceSet({
      bus: options.bus,
      config: () => this.current,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    this.decisions = new DecisionLog(options.config.daemon.historySize);
    this.applyConfig(options.config, options.configHash);
    this.metrics.configReloadSuccess.set(1);
    this.metrics.configReloadTimestamp.set(this.now() / 1000);
    if (!options.leading) this.metrics.leader.set({ replica: options.replicaId ?? 'standalone' }, 1);
    this.ownsQueue = options.queue === undefined;
    this.queue = options.queue ?? this.defaultQueue();
    this.queue.onResult((r) => this.onActionResult(r));
    if (options.configPath && options.loadConfig) {
      this.reloader = new ConfigReloader({
        path: options.configPath,
        load: options.loadConfig,
        initialHash: options.configHash,
        apply: (config, hash) => this.applyConfig(config, hash),
        report: (status) => this.onReload(status),
        now: this.now,
      });
    }
  }

  /** The config in force. */
  get config(): GovernorConfig {
    return this.current;
  }

  get configHash(): string {
    return this.hash;
  }

  /** The snapshot bus it reads. */
  get bus(): SnapshotBus {
    return this.options.bus;
  }

  /** The instance registry, when it was given one. */
  get registry(): InstanceRegistry | undefined {
    return this.options.registry;
  }

  /** The last reload attempt, if any. */
  get reloadStatus(): ReloadStatus | undefined {
    return this.lastReload;
  }

  /** True once a first tick has completed and nothing else (see `readiness`) holds it back. */
  get ready(): boolean {
    return this.notReadyReason === undefined;
  }

  /** Why the daemon is not ready, or undefined when it is. */
  get notReadyReason(): string | undefined {
    const external = this.options.readiness?.();
    if (external !== undefined) return external;
    return this.ticked ? undefined : 'no tick has completed yet';
  }

  /**
   * Starts ticking (first tick at once) and watching the config file. Each
   * app ticks on its own loop, so a slow app never delays another.
   */
  start(): void {
    this.loops.start();
    this.reloader?.watch();
  }

  /** The newest sidecar snapshot per instance of `app` on the bus (what its sidecar source reads). */
  snapshots(app: string): Promise<InstanceSnapshot[]> {
    return this.options.bus.latest(app);
  }

  /** Runs one tick of every app now (never overlapping their loops). Never rejects. */
  async tickOnce(): Promise<void> {
    await this.loops.runOnce();
  }

  /** Reloads the config file now (SIGHUP, API). Never rejects. */
  async reload(): Promise<ReloadStatus> {
    if (!this.reloader) {
      return { ok: false, at: this.now(), issues: ['no config file to reload'], hash: this.hash };
    }
    return this.reloader.reload();
  }

  /** Stops the loop and the watcher, then closes the queue it owns (running actions are aborted). */
  async stop(): Promise<void> {
    await this.loops.stop();
    await this.reloader?.close();
    await this.sources.close();
    if (this.ownsQueue) await this.queue.close();
  }

  /** The runtime state of one app, or undefined. */
  app(name: string): AppRuntime | undefined {
    return this.runtimes.get(name);
  }

  /** Every app's runtime state, in config order. */
  apps(): AppRuntime[] {
    return [...this.runtimes.values()];
  }

  /** The app's runtime or a `GOV_SERVICE_UNKNOWN_APP` error. */
  requireApp(name: string): AppRuntime {
    const rt = this.runtimes.get(name);
    if (!rt) {
      throw new GovernorError(
        'GOV_SERVICE_UNKNOWN_APP',
        `no app named ${JSON.stringify(name)} in the config`,
        {
          details: { app: name, known: [...this.runtimes.keys()] },
        },
      );
    }
    return rt;
  }

  /** Swaps in a validated config: apps keep their history, pause and override across reloads. */
  applyConfig(config: GovernorConfig, hash: string): void {
    for (const app of config.apps) {
      if (!this.options.providers[app.provider]) {
        throw new GovernorError(
          'GOV_SERVICE_UNKNOWN_PROVIDER',
          `app ${app.name} names provider ${app.provider}, which this daemon did not start; restart to add providers`,
          { details: { app: app.name, provider: app.provider } },
        );
      }
    }
    const names = new Set(config.apps.map((a) => a.name));
    for (const [name] of this.runtimes) {
      if (names.has(name)) continue;
      this.runtimes.delete(name);
      this.loops.remove(name);
      this.decisions.drop(name);
      this.recordMetrics.forget(name);
    }
    for (const app of config.apps) {
      const rt = this.runtimes.get(app.name);
      if (rt) rt.policy = app;
      else this.addApp(new AppRuntime(app));
      this.recordMetrics.observePolicy(app);
    }
    this.decisions.resize(config.daemon.historySize);
    this.current = config;
    this.hash = hash;
    this.metrics.configHash.set(hashToGaugeValue(hash));
  }

  private provider(app: string): Provider {
    const rt = this.requireApp(app);
    const p = this.options.providers[rt.policy.provider];
    if (!p) throw new GovernorError('GOV_SERVICE_UNKNOWN_PROVIDER', `no provider ${rt.policy.provider}`);
    return p;
  }

  /**
   * Stopped machines to keep ready for `app`: what its last decision sized
   * (the capacity model grows the pool from the load's jumps), else the
   * policy's `warmPool`.
   */
  warmPool(app: string): number {
    return this.decisions.last(app)?.decision?.warmPool ?? this.runtimes.get(app)?.policy.warmPool ?? 0;
  }

  private defaultQueue(): ActionQueue {
    const registry = this.options.registry;
    return tracedScaleQueue({
      ...(registry
        ? {
            drain: drainMachines(registry, () => this.current.discovery.drainDelay),
            onDrainError: (app: string, err: unknown) =>
              this.logger.warn({ app, err: describeError(err) }, 'could not mark machines draining'),
          }
        : {}),
      provider: (app) => this.provider(app),
      warmPool: (app) => this.warmPool(app),
      tracer: this.tracer,
      timeoutMs: this.options.actionTimeout ?? 60_000,
      now: this.now,
    });
  }

  private addApp(rt: AppRuntime): void {
    this.runtimes.set(rt.name, rt);
    this.loops.add(rt);
  }

  /**
   * One tick of a group's apps; settles once every app's tick has (rejects
   * with the first failure). A group of several apps (a shard) reads the
   * snapshots of its sidecar apps in one batch, two groups at most at once.
   */
  private async tickAll(apps: readonly AppRuntime[], signal: AbortSignal): Promise<void> {
    const fanout = new AbortFanout(signal);
    if (apps.length === 1 && apps[0]) return this.tick(apps[0], signal, fanout);
    const led = apps.filter((rt) => this.leads(rt));
    if (led.length === 0) return;
    await fanout.race(
      this.groupSlots.run(async () => {
        signal.throwIfAborted();
        const sidecar = led.filter((rt) => this.sources.forApp(rt.policy).type === 'sidecar');
        const batch = sidecar.length > 0 ? this.batchedSidecar(sidecar.map((rt) => rt.name)) : undefined;
        let failure: { err: unknown } | undefined;
        await Promise.all(
          led.map((rt) =>
            this.tick(rt, signal, fanout, batch).catch((err: unknown) => {
              failure ??= { err };
            }),
          ),
        );
        if (failure) throw failure.err;
      }),
    );
  }

  /** A sidecar source that reads `apps`' snapshots once, together, and serves each app from that read. */
  private batchedSidecar(apps: readonly string[]): MetricSource {
    const read = this.options.bus.latestOf(apps);
    // Each app's tick awaits it; a failure fails those ticks, not the process.
    read.catch(() => {});
    return new SidecarSource(
      { latest: async (app) => (await read).get(app ?? '') ?? [] },
      () => this.current.collector.staleAfter,
    );
  }

  /** One app's tick; records a decision or an error. */
  private async tick(
    rt: AppRuntime,
    signal: AbortSignal,
    fanout: AbortFanout,
    sidecar?: MetricSource,
  ): Promise<void> {
    // Waiting for a place is not part of the tick: it starts (clock read, duration timed) once it runs.
    if (!this.leads(rt)) return;
    await fanout.race(
      this.tickSlots.run(async () => {
        // A tick abandoned while it waited gives its place back at once.
        signal.throwIfAborted();
        if (this.leads(rt)) await this.decideApp(rt, signal, fanout, sidecar);
      }),
    );
  }

  /** False (a completed tick all the same) when another replica leads the app's shard. */
  private leads(rt: AppRuntime): boolean {
    if (this.options.leading && !this.options.leading(rt.name)) {
      this.ticked = true;
      return false;
    }
    return true;
  }

  /** Observes, decides and records one app (in a tick slot). */
  private async decideApp(
    rt: AppRuntime,
    signal: AbortSignal,
    fanout: AbortFanout,
    sidecar: MetricSource | undefined,
  ): Promise<void> {
    const end = this.metrics.tickDuration.startTimer();
    const now = this.now();
    let record: DecisionRecord;
    try {
      const ctx = this.tickContext(rt, sidecar);
      record = await fanout.race(
        inSpan(this.tracer, 'autoscaler.tick', { app: rt.name }, () => tickApp(ctx, rt, now, signal)),
      );
    } catch (err) {
      record = failedRecord(randomUUID(), rt, now, err);
    }
    end();
    // An app removed by a reload while its tick ran leaves no record behind.
    if (this.runtimes.get(rt.name) !== rt) return;
    this.decisions.append(record);
    this.recordMetrics.observeTick(rt, record);
    this.alerts?.onDecision(record, rt.policy);
    this.metrics.queueDepth.set(this.queue.stats().pending);
    this.ticked = true;
    logDecision(this.logger, record);
  }

  /** What `tickApp` needs for `rt`; `sidecar` replaces the shared sidecar source (a group's batched read). */
  private tickContext(rt: AppRuntime, sidecar: MetricSource | undefined): AppTickContext {
    const source = this.sources.forApp(rt.policy);
    const providerConfig = this.current.providers[rt.policy.provider];
    const edgeRps = this.options.edgeRps?.(rt.name);
    const fencingToken = this.options.fencingToken?.(rt.name);
    return {
      provider: this.provider(rt.name),
      primaryRegion: providerConfig ? primaryRegionOf(providerConfig) : 'default',
      bus: this.options.bus,
      queue: this.queue,
      decide: this.decideFn,
      staleAfter: this.current.collector.staleAfter,
      newId: randomUUID,
      source: sidecar !== undefined && source.type === 'sidecar' ? sidecar : source,
      metrics: this.metrics,
      ...(edgeRps === undefined ? {} : { edgeRps }),
      ...(fencingToken === undefined ? {} : { fencingToken }),
      ...(this.options.saveHistory ? { saveHistory: this.options.saveHistory } : {}),
    };
  }

  private onActionResult(result: ActionResult): void {
    const record = this.decisions.get(result.decisionId);
    if (record) {
      record.action = {
        result: result.result,
        steps: result.steps,
        finishedAt: result.finishedAt,
        ...(result.error ? { error: result.error } : {}),
      };
    }
    this.recordMetrics.observeAction(result);
    this.alerts?.onAction(result, this.runtimes.get(result.app)?.policy);
    logAction(this.logger, result);
  }

  private onReload(status: ReloadStatus): void {
    this.lastReload = status;
    this.alerts?.onReload(status);
    this.metrics.configReloadSuccess.set(status.ok ? 1 : 0);
    if (status.ok) {
      this.metrics.configReloadTimestamp.set(status.at / 1000);
      this.logger.info({ hash: status.hash }, 'config reloaded');
    } else {
      this.logger.error(
        { issues: status.issues, hash: status.hash },
        'config reload failed; keeping the previous config',
      );
    }
  }
}
