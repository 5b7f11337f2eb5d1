/**
 * The validated, normalized Governor config (`version: 1`).
 *
 * The YAML file uses friendly units (`30s`, `70%`, `${ENV_VAR}`); after
 * validation every duration is a number of milliseconds, every percentage a
 * fraction (0.7), and every secret a {@link SecretRef} that never prints its
 * value. The whole object is deeply frozen.
 */

/** A reference to a secret held in an environment variable. */
export interface SecretRef {
  /** The environment variable's name, e.g. `FLY_API_TOKEN`. */
  readonly env: string;
  /** Whether the variable was set when the config was loaded. */
  readonly present: boolean;
  /** Reads the value from the environment at call time; undefined when unset. */
  reveal(): string | undefined;
  /** Always `${ENV}` (redacted); a secret never prints. */
  toString(): string;
  toJSON(): string;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';
export type DaemonMode = 'standalone' | 'cluster';

/** How the daemon runs. */
export interface DaemonConfig {
  /** `standalone` (default): in-memory bus, in-process actions. `cluster`: Redis + BullMQ. */
  readonly mode: DaemonMode;
  /** Redis URL (required in cluster mode), by env reference. */
  readonly redisUrl?: SecretRef;
  /** HTTP listen address of the autoscaler API, `host:port`. Default `127.0.0.1:9470`. */
  readonly listen: string;
  /** Autoscaler tick interval in ms. Default 5000. */
  readonly tickInterval: number;
  /** Default `info`. */
  readonly logLevel: LogLevel;
  /** Bearer token for mutating API calls, by env reference. Without it, mutations are refused. */
  readonly apiToken?: SecretRef;
  /**
   * Serve the read API without a token on a non-loopback `listen`. Default
   * false: such an address without `apiToken` is refused.
   */
  readonly publicReads: boolean;
  /** Leader lease TTL in ms (cluster mode). Default 10000. */
  readonly leaseTtl: number;
  /** Shards the apps are split into (cluster mode), each with its own lease. Default 64. */
  readonly shards: number;
  /** Number of decisions kept per app in history. Default 500. */
  readonly historySize: number;
}

/** Collector defaults; apps may override scrape settings. */
export interface CollectorConfig {
  /** Scrape interval in ms. Default 5000. */
  readonly scrapeInterval: number;
  /** Scrape timeout in ms. Default 2000. Must be below the interval. */
  readonly scrapeTimeout: number;
  /** Summary window in ms (one snapshot per window). Default 15000. */
  readonly window: number;
  /** Random jitter added to each scrape, as a fraction of the interval. Default 0.1. */
  readonly jitter: number;
  /** Largest accepted scrape body in bytes. Default 10 MiB. */
  readonly maxBodyBytes: number;
  /** Largest accepted number of series per scrape. Default 50000. */
  readonly maxSeries: number;
  /** A snapshot older than this (ms) is stale. Default 3 x window. */
  readonly staleAfter: number;
  /** Registry heartbeat TTL in ms. Default 30000. */
  readonly heartbeatTtl: number;
}

export interface FlyProviderConfig {
  readonly type: 'fly';
  readonly name: string;
  /** Fly organisation slug. */
  readonly org: string;
  /** Fly app name. */
  readonly app: string;
  /** Machines API token, by env reference. */
  readonly token: SecretRef;
  /** Regions machines may run in; the first is the primary. */
  readonly regions: readonly string[];
  /** `fly_process_group` metadata value to manage. Default `app`. */
  readonly processGroup: string;
  /** Machines API base URL. Default `https://api.machines.dev`. */
  readonly apiUrl: string;
}

export interface LocalProviderConfig {
  readonly type: 'local';
  readonly name: string;
  /** Executable to run for each instance. */
  readonly command: string;
  readonly args: readonly string[];
  /** Extra environment; `PORT` and `GOVERNOR_INSTANCE_ID` are always set. */
  readonly env: Readonly<Record<string, string>>;
  /** Inclusive port range for instances, e.g. [8100, 8199]. */
  readonly portRange: readonly [number, number];
  /** HTTP path polled to decide an instance is healthy. Default `/healthz`. */
  readonly healthPath: string;
  /** Path of the app's metrics endpoint. Default `/metrics`. */
  readonly metricsPath: string;
  /** SIGTERM -> SIGKILL grace period in ms. Default 5000. */
  readonly stopGracePeriod: number;
  /** Edge proxy listen address `host:port`, or undefined for none. */
  readonly proxyListen?: string;
  /** Region name reported for local instances. Default `local`. */
  readonly region: string;
}

export interface KubernetesProviderConfig {
  readonly type: 'kubernetes';
  readonly name: string;
  /** API server URL. Default: in-cluster (`https://kubernetes.default.svc`). */
  readonly apiServer: string;
  readonly namespace: string;
  readonly deployment: string;
  /** Bearer token by env reference; default: the in-cluster service account token. */
  readonly token?: SecretRef;
  /** Kubeconfig file (server, CA, namespace and credentials of a context) instead of in-cluster. */
  readonly kubeconfig?: string;
  /** Context of `kubeconfig`; default its current-context. */
  readonly context?: string;
}

export type ProviderConfig = FlyProviderConfig | LocalProviderConfig | KubernetesProviderConfig;
export type ProviderType = ProviderConfig['type'];

export type LatencyQuantile = 'p50' | 'p90' | 'p99';

/** Average CPU utilisation per machine, as a fraction of its limit. */
export interface CpuTarget {
  readonly type: 'cpu';
  readonly utilization: number;
}
/** Average memory utilisation per machine (working set / limit). */
export interface MemoryTarget {
  readonly type: 'memory';
  readonly utilization: number;
}
/** A fleet latency quantile (merged across machines) against an SLO. */
export interface LatencyTarget {
  readonly type: 'latency';
  /** Default `p99`. */
  readonly quantile: LatencyQuantile;
  /** SLO in ms. */
  readonly slo: number;
  /**
   * Target as a fraction of the SLO that the scaler tracks. Default 0.8:
   * scale out before the SLO is breached.
   */
  readonly targetRatio: number;
  /**
   * `capacity` (default): machines = (expected demand + noise headroom) /
   * the capacity per machine learned at the SLO; `ratio`: HPA-style,
   * proportional to quantile / (SLO x targetRatio).
   */
  readonly scaling: 'capacity' | 'ratio';
}
/** Requests per second per machine. */
export interface RpsTarget {
  readonly type: 'rps';
  readonly perMachine: number;
}
/**
 * Open connections per machine: established TCP sockets held by the
 * instance (the sidecar), or the Prometheus source's `metrics.connections`
 * gauge, averaged over the ready machines.
 */
export interface ConnectionsTarget {
  readonly type: 'connections';
  /** Connections one machine should hold on average. */
  readonly perMachine: number;
}
/** A custom gauge reported by the app, averaged per machine. */
export interface CustomTarget {
  readonly type: 'custom';
  /** The app's metric name (a gauge, or a counter taken as a rate). */
  readonly metric: string;
  /** Target value per machine. */
  readonly value: number;
}
/**
 * A PromQL expression read from the app's Prometheus source. The result
 * series are summed into one fleet value. Exactly one of `perMachine` and
 * `value` is set.
 */
export interface QueryTarget {
  readonly type: 'query';
  /** Name in decisions (`query:<name>`), unique per app. */
  readonly name: string;
  readonly query: string;
  /** Fleet value one machine handles: machines = ceil(value / perMachine). */
  readonly perMachine?: number;
  /** Target of the value taken as an average per machine (HPA Value target over the ready machines). */
  readonly value?: number;
}
/**
 * A queue backlog read from the app's Redis source: a BullMQ queue (waiting +
 * delayed, + active when `includeActive`) or a plain list's length. Exactly
 * one of `queue` and `list` is set.
 */
export interface QueueTarget {
  readonly type: 'queue';
  /** BullMQ queue name. */
  readonly queue?: string;
  /** Key of a plain Redis list. */
  readonly list?: string;
  /** BullMQ key prefix. Default `bull`. */
  readonly prefix: string;
  /** Count active jobs as backlog too. Default false. */
  readonly includeActive: boolean;
  /** Backlog one machine handles: machines = ceil(backlog / perMachine). */
  readonly perMachine: number;
}
export type MetricTarget =
  | CpuTarget
  | MemoryTarget
  | LatencyTarget
  | RpsTarget
  | ConnectionsTarget
  | CustomTarget
  | QueryTarget
  | QueueTarget;
export type MetricTargetType = MetricTarget['type'];

export interface RatePolicy {
  readonly type: 'machines' | 'percent';
  /** Machines, or a fraction (0.5 = 50%) for `percent`. */
  readonly value: number;
  /** Period in ms. */
  readonly period: number;
}

export interface ScalingRules {
  /** Stabilization window in ms. Defaults: up 0, down 300000. */
  readonly stabilizationWindow: number;
  /** Default `max` for both directions (HPA). `disabled` forbids this direction. */
  readonly select: 'max' | 'min' | 'disabled';
  /**
   * Rate policies. Defaults (HPA): up `100% per 15s` and `4 machines per 15s`;
   * down `100% per 15s`.
   */
  readonly policies: readonly RatePolicy[];
  /** Tolerance around ratio 1.0. Default 0.1. */
  readonly tolerance: number;
}

export interface Behavior {
  readonly scaleUp: ScalingRules;
  readonly scaleDown: ScalingRules;
}

export interface Cooldown {
  /** ms after any scale event before another scale-up. Default 0. */
  readonly up: number;
  /** ms after any scale event before another scale-down. Default 0. */
  readonly down: number;
}

/** Fallback when metrics are missing. */
export interface Fallback {
  /** Machines to run during an outage. */
  readonly machines: number;
  /** Consecutive ticks without usable metrics before falling back. Default 3. */
  readonly afterFailures: number;
}

/** Burst (panic) mode. */
export interface Burst {
  /** Enter burst when a metric's ratio to target exceeds this multiple. Default 2. */
  readonly threshold: number;
  /** How long burst mode lasts once entered (ms); no scale-down meanwhile. Default 60000. */
  readonly window: number;
}

/** Scale to zero: min may be 0; leaves zero when activation is exceeded. */
export interface ScaleToZero {
  /** Default true (when the `scaleToZero` section is present). */
  readonly enabled: boolean;
  /** Requests per second (seen at the edge) that wake an app from zero. Default 0 (any request). */
  readonly activationRps: number;
  /** Idle time (ms) with no requests before going to zero. Default 300000. */
  readonly idleAfter: number;
}

/** A threshold step rule, e.g. cpu > 80% for 2m -> +2. */
export interface StepRule {
  readonly metric: 'cpu' | 'memory' | 'latency' | 'rps' | 'errors' | 'custom';
  /** For `custom`: the metric name. For `latency`: p50|p90|p99 (default p99). */
  readonly name?: string;
  readonly above?: number;
  readonly below?: number;
  /** How long (ms) the condition must hold. */
  readonly for: number;
  /** Machines to add (positive) or remove (negative). */
  readonly change: number;
}

export interface Schedule {
  /** Standard 5-field cron expression for the start of the window. */
  readonly cron: string;
  /** IANA time zone. Default `UTC`. */
  readonly timezone: string;
  /** Window length in ms. */
  readonly duration: number;
  readonly min?: number;
  readonly max?: number;
  readonly name?: string;
}

export interface RegionBounds {
  /** Default 0. */
  readonly min: number;
  /** Default: the app's max. */
  readonly max: number;
  /** Share of new machines that go here when the decision is not per region. Default equal. */
  readonly weight: number;
}

export type Severity = 'critical' | 'warning' | 'info';

export interface AppAlerts {
  /** Latency SLO in ms for alerting; default: the latency target's SLO. */
  readonly slo?: number;
  /** Default: the latency target's quantile, else `p99`. */
  readonly sloQuantile: LatencyQuantile;
  /** Error ratio above which the error-rate alert fires. Default 0.05. */
  readonly errorRatio: number;
  /** Severity per alert class. Defaults: page `critical`, ticket `warning`. */
  readonly severities: { readonly page: Severity; readonly ticket: Severity };
  /** Receiver names (from `alerting.receivers`) for this app's notifications. */
  readonly receivers: readonly string[];
  /** Extra labels on every alert of this app (team, service). */
  readonly labels: Readonly<Record<string, string>>;
}

/** Metric names the collector reads from this app's endpoint. */
export interface AppMetricNames {
  /** Latency histogram base name; default: auto-detect common names. */
  readonly latencyHistogram?: string;
  /** Request counter; default: the histogram's `_count` or auto-detect. */
  readonly requestsTotal?: string;
  /** Label holding the HTTP status code. Default: auto-detect `status_code`/`code`/`status`/`http_response_status_code`. */
  readonly statusLabel?: string;
  /** Name of an entry of `metricSources`; undefined: the sidecar collectors. */
  readonly source?: string;
  /** Gauge of requests in flight, carried in snapshots and served as load by discovery. Default none. */
  readonly inFlight?: string;
  /** Custom gauges to carry in snapshots; always includes the metric of every `custom` target and `inFlight`. */
  readonly custom: readonly string[];
}

export interface ScrapeOverride {
  /** Extra scrape targets (URLs) besides the instance's own metrics endpoint. */
  readonly targets: readonly string[];
  readonly interval?: number;
  readonly timeout?: number;
}

/** The self-calibrating capacity model (`apps[].capacity`). */
export interface CapacityConfig {
  /** Windows of evidence before the learned capacity is trusted. Default 12. */
  readonly minWindows: number;
  /** Noise-aware headroom over the next start time. Default true. */
  readonly headroom: boolean;
  /** Standard deviations of recent noise kept as headroom. Default 2. */
  readonly confidence: number;
  /** Warm pool sized from the load's largest recent rise within a boot time. Default true. */
  readonly fastStarts: boolean;
  /** How long recurring bursts hold capacity (ms); 0 off. Default 600000. */
  readonly scaleDownMemory: number;
}

/** Predictive scaling (seasonality-aware floor). */
export interface Predictive {
  /** Default true (when the `predictive` section is present). */
  readonly enabled: boolean;
  /** Seasonal period(s) in ms. Default [1 day]. */
  readonly seasons: readonly number[];
  /** How far ahead to provision (ms); default: boot time estimate 60000. */
  readonly lead: number;
  /** Forecast error (MAPE) above which the forecast is ignored. Default 0.3. */
  readonly maxError: number;
  /** Headroom multiplier on the forecast. Default 1.1. */
  readonly headroom: number;
}

export type AppMode = 'active' | 'shadow' | 'paused';

export interface AppConfig {
  readonly name: string;
  /** Name of an entry of `providers`. */
  readonly provider: string;
  readonly mode: AppMode;
  readonly min: number;
  readonly max: number;
  /** Per-region bounds; empty means a single implicit region. */
  readonly regions: Readonly<Record<string, RegionBounds>>;
  readonly targets: readonly MetricTarget[];
  readonly behavior: Behavior;
  readonly cooldown: Cooldown;
  readonly fallback?: Fallback;
  readonly burst?: Burst;
  readonly scaleToZero?: ScaleToZero;
  readonly steps: readonly StepRule[];
  readonly schedules: readonly Schedule[];
  /** Stopped machines to keep ready beyond the running count. Default 0. */
  readonly warmPool: number;
  /** Kubernetes HPA-compatible arithmetic (integer percent utilisation). Default false. */
  readonly hpaCompatible: boolean;
  readonly alerts: AppAlerts;
  readonly metrics: AppMetricNames;
  readonly scrape: ScrapeOverride;
  readonly predictive?: Predictive;
  /** The capacity model and its levers (defaults apply when absent). */
  readonly capacity: CapacityConfig;
}

export type ReceiverConfig =
  | { readonly type: 'webhook'; readonly name: string; readonly url: string; readonly token?: SecretRef }
  | { readonly type: 'slack'; readonly name: string; readonly url: SecretRef }
  | {
      readonly type: 'pagerduty';
      readonly name: string;
      readonly routingKey: SecretRef;
      readonly url: string;
    };

export interface AlertingConfig {
  /**
   * Base URL of runbooks; each alert links `<base>/<alert-name>`. Empty when
   * the file has no `alerting` section (then there are no runbook links).
   */
  readonly runbookBaseUrl: string;
  /** Default none. */
  readonly receivers: readonly ReceiverConfig[];
  /** Minimum time (ms) between two notifications of the same alert. Default 300000. */
  readonly repeatInterval: number;
}

/** Label names a Prometheus source's generated queries use. */
export interface PrometheusLabels {
  /** Default `instance`. */
  readonly instance: string;
  /** Default: `region` with the fly preset, else none. */
  readonly region?: string;
  /** Default: `status` with the fly preset, else the app's `metrics.statusLabel`, else `status_code`. */
  readonly status?: string;
}

/** Metric names a Prometheus source's generated queries read. */
export interface PrometheusMetricNames {
  /** Default `process_cpu_seconds_total` (generic preset). */
  readonly cpuSeconds?: string;
  /** CPU cores per machine. Default 1. */
  readonly cpuCores: number;
  /** Default `process_resident_memory_bytes` (generic preset). */
  readonly memoryBytes?: string;
  /** Memory limit per machine in bytes; without it, no memory utilisation (generic preset). */
  readonly memoryLimitBytes?: number;
  readonly latencyHistogram?: string;
  readonly requestsTotal?: string;
  /** Gauge of open connections per instance; `connections` targets need it. Default: none. */
  readonly connections?: string;
  /** Counter of bytes received per instance. Default: none (`fly_instance_net_recv_bytes` with the fly preset). */
  readonly networkReceiveBytes?: string;
  /** Counter of bytes sent per instance. Default: none (`fly_instance_net_sent_bytes` with the fly preset). */
  readonly networkTransmitBytes?: string;
  /** Counter of bytes read from disk per instance. Default: none (fly: 512 x `fly_instance_disk_sectors_read`). */
  readonly diskReadBytes?: string;
  /** Counter of bytes written to disk per instance. Default: none (fly: 512 x `fly_instance_disk_sectors_written`). */
  readonly diskWrittenBytes?: string;
}

/** A Prometheus-compatible query API. */
export interface PrometheusSourceConfig {
  readonly type: 'prometheus';
  readonly name: string;
  /** Base URL; `/api/v1/query` is appended. */
  readonly url: string;
  readonly token?: SecretRef;
  readonly headers: Readonly<Record<string, string>>;
  /** Timeout of one query in ms. Default 5000. */
  readonly timeout: number;
  /** Range of `rate()` in ms. Default 60000. */
  readonly lookback: number;
  /** Default `generic`. */
  readonly preset: 'generic' | 'fly';
  /** Label matchers added to every generated query; `{app}` becomes the app name. */
  readonly selector?: string;
  readonly labels: PrometheusLabels;
  readonly metrics: PrometheusMetricNames;
}

/** A Redis server holding queue backlogs. */
export interface RedisSourceConfig {
  readonly type: 'redis';
  readonly name: string;
  readonly url: SecretRef;
  /** Timeout of one read in ms. Default 2000. */
  readonly timeout: number;
}

export type MetricSourceConfig = PrometheusSourceConfig | RedisSourceConfig;

/** The live instance list served to clients of the fleet (`discovery`). */
export interface DiscoveryConfig {
  /** Fallback regions per region for `near=`, nearest first. Default none (others by name). */
  readonly regionOrder: Readonly<Record<string, readonly string[]>>;
  /** How long (ms) a machine is listed as draining before a scale-down stops it. Default 2000. */
  readonly drainDelay: number;
  /** How often (ms) the API diffs the list for watchers. Default 1000. */
  readonly watchInterval: number;
}

/** The whole validated config. */
export interface GovernorConfig {
  readonly version: 1;
  readonly daemon: DaemonConfig;
  readonly collector: CollectorConfig;
  readonly providers: Readonly<Record<string, ProviderConfig>>;
  /**
   * Named metric sources besides the sidecar collectors. The loader always
   * sets it (default `{}`); optional so that configs built by hand need not.
   */
  readonly metricSources?: Readonly<Record<string, MetricSourceConfig>>;
  readonly apps: readonly AppConfig[];
  readonly alerting: AlertingConfig;
  readonly discovery: DiscoveryConfig;
}
