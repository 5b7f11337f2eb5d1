/**
 * The validated, normalized Governor config (`version: 1`), inferred from
 * the schema definition (`definition/`), the one description of the file.
 *
 * The YAML file uses friendly units (`30s`, `70%`, `${ENV_VAR}`); after
 * validation every duration is a number of milliseconds, every percentage a
 * fraction (0.7), and every secret a {@link SecretRef} that never prints its
 * value. The whole object is deeply frozen. What each key means, and its
 * default, is in the schema's descriptions (and docs/config.md, rendered
 * from them); the few values derived from other keys are typed here and
 * computed once, by `buildConfig`.
 */
import type { Cron } from './cron.js';
import type { appSchema } from './definition/app.js';
import type { CONFIG_VERSION, governorSchema } from './definition/root.js';
import type { Infer, Simplify } from './schema/schema-node.js';
import type { TimeZone } from './time-zone.js';

/** The app entry as the schema yields it, before derived values. */
type AppValues = Infer<typeof appSchema>;
/** The file as the schema yields it, before derived values. */
export type ConfigValues = Infer<typeof governorSchema>;

/** How the daemon runs (`daemon`). */
export type DaemonConfig = ConfigValues['daemon'];
export type LogLevel = DaemonConfig['logLevel'];
export type DaemonMode = DaemonConfig['mode'];

/** Collector defaults (`collector`); `staleAfter` is always set (default 3 x `window`). */
export type CollectorConfig = Simplify<
  Omit<ConfigValues['collector'], 'staleAfter'> & { readonly staleAfter: number }
>;

/** A named provider (`providers.<name>`), with its name. */
export type ProviderConfig = ConfigValues['providers'][string];
export type ProviderType = ProviderConfig['type'];
export type FlyProviderConfig = Extract<ProviderConfig, { readonly type: 'fly' }>;
export type LocalProviderConfig = Extract<ProviderConfig, { readonly type: 'local' }>;
export type KubernetesProviderConfig = Extract<ProviderConfig, { readonly type: 'kubernetes' }>;

/** A named metric source (`metricSources.<name>`), with its name. */
export type MetricSourceConfig = ConfigValues['metricSources'][string];
export type PrometheusSourceConfig = Extract<MetricSourceConfig, { readonly type: 'prometheus' }>;
export type RedisSourceConfig = Extract<MetricSourceConfig, { readonly type: 'redis' }>;
export type PrometheusLabels = PrometheusSourceConfig['labels'];
export type PrometheusMetricNames = PrometheusSourceConfig['metrics'];

/** One entry of `apps[].targets`. */
export type MetricTarget = AppValues['targets'][number];
export type MetricTargetType = MetricTarget['type'];
export type CpuTarget = Extract<MetricTarget, { readonly type: 'cpu' }>;
export type MemoryTarget = Extract<MetricTarget, { readonly type: 'memory' }>;
export type LatencyTarget = Extract<MetricTarget, { readonly type: 'latency' }>;
export type RpsTarget = Extract<MetricTarget, { readonly type: 'rps' }>;
export type ConnectionsTarget = Extract<MetricTarget, { readonly type: 'connections' }>;
export type CustomTarget = Extract<MetricTarget, { readonly type: 'custom' }>;
export type QueryTarget = Extract<MetricTarget, { readonly type: 'query' }>;
export type QueueTarget = Extract<MetricTarget, { readonly type: 'queue' }>;
export type LatencyQuantile = LatencyTarget['quantile'];

export type Behavior = AppValues['behavior'];
export type ScalingRules = Behavior['scaleUp'];
export type RatePolicy = ScalingRules['policies'][number];
export type Cooldown = AppValues['cooldown'];
export type Fallback = NonNullable<AppValues['fallback']>;
export type Burst = NonNullable<AppValues['burst']>;
export type ScaleToZero = NonNullable<AppValues['scaleToZero']>;
export type StepRule = AppValues['steps'][number];
export type Predictive = NonNullable<AppValues['predictive']>;
export type CapacityConfig = AppValues['capacity'];
export type AppMetricNames = AppValues['metrics'];
export type ScrapeOverride = AppValues['scrape'];
export type AppAlerts = AppValues['alerts'];
export type Severity = AppAlerts['severities']['page'];
export type AppMode = AppValues['mode'];

/** A scheduled min/max override, with its cron expression parsed and its time zone built once. */
export type Schedule = Simplify<
  AppValues['schedules'][number] & { readonly parsedCron: Cron; readonly zone: TimeZone }
>;

/** A schedule's fields as a config file gives them (what {@link Schedule} is built from). */
export type ScheduleFields = AppValues['schedules'][number];

/** Bounds of one region; `max` is always set (default: the app's max). */
export type RegionBounds = Simplify<Omit<AppValues['regions'][string], 'max'> & { readonly max: number }>;

/**
 * An app's effective latency SLO: `alerts.slo` and `alerts.sloQuantile`
 * when written, else those of the app's latency target (quantile `p99` when
 * neither says). What the alerts, the `governor_slo` gauge, the status table
 * and the simulator all use.
 */
export interface AppSlo {
  /** The SLO in ms. */
  readonly ms: number;
  readonly quantile: LatencyQuantile;
}

/** One app: the file's fields plus the values derived from them. */
export type AppConfig = Simplify<
  Omit<AppValues, 'regions' | 'schedules'> & {
    readonly regions: Readonly<Record<string, RegionBounds>>;
    readonly schedules: readonly Schedule[];
    /** Absent when the app has neither a latency target nor `alerts.slo`. */
    readonly slo?: AppSlo;
  }
>;

/** A notification receiver (`alerting.receivers[]`). */
export type ReceiverConfig = AlertingConfig['receivers'][number];

/**
 * Alert routing. Without an `alerting` section: no receivers, the default
 * `repeatInterval` and an empty `runbookBaseUrl` (no runbook links).
 */
export type AlertingConfig = NonNullable<ConfigValues['alerting']>;

export type DiscoveryConfig = ConfigValues['discovery'];

/** The whole validated config. */
export type GovernorConfig = Simplify<
  Omit<ConfigValues, 'version' | 'collector' | 'apps' | 'alerting'> & {
    readonly version: typeof CONFIG_VERSION;
    readonly collector: CollectorConfig;
    readonly apps: readonly AppConfig[];
    readonly alerting: AlertingConfig;
  }
>;
