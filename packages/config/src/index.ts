export type { AlertClass, AlertName } from './alert-catalog.js';
export { ALERT_CATALOG, alertSeverity, FLEET_SEVERITIES, runbookUrl } from './alert-catalog.js';
export { defaultCollectorConfig } from './collector-defaults.js';
export { ConfigError } from './config-error.js';
export { configHash } from './config-hash.js';
export type { ConfigIssue, ConfigResult, ParseConfigOptions } from './config-issue.js';
export type {
  AlertingConfig,
  AppAlerts,
  AppConfig,
  AppMetricNames,
  AppMode,
  AppSlo,
  Behavior,
  Burst,
  CapacityConfig,
  CollectorConfig,
  ConnectionsTarget,
  Cooldown,
  CpuTarget,
  CustomTarget,
  DaemonConfig,
  DaemonMode,
  DiscoveryConfig,
  Fallback,
  FlyProviderConfig,
  GovernorConfig,
  KubernetesProviderConfig,
  LatencyQuantile,
  LatencyTarget,
  LocalProviderConfig,
  LogLevel,
  MemoryTarget,
  MetricSourceConfig,
  MetricTarget,
  MetricTargetType,
  Predictive,
  PrometheusLabels,
  PrometheusMetricNames,
  PrometheusSourceConfig,
  ProviderConfig,
  ProviderType,
  QueryTarget,
  QueueTarget,
  RatePolicy,
  ReceiverConfig,
  RedisSourceConfig,
  RegionBounds,
  RpsTarget,
  ScaleToZero,
  ScalingRules,
  Schedule,
  ScheduleFields,
  ScrapeOverride,
  Severity,
  StepRule,
} from './config-types.js';
export type { Cron, LocalTime } from './cron.js';
export { CRON_MACROS, cronProblem, isValidTimeZone, matchesDay, parseCron } from './cron.js';
export { MAX_TIMER_MS, parseDuration } from './duration.js';
export type { EnvReference } from './env-references.js';
export { envReferences } from './env-references.js';
export { formatIssue } from './format-issue.js';
export type { ListenExposure } from './listen-exposure.js';
export { isLoopbackHost, listenExposureProblem, listenHost } from './listen-exposure.js';
export type { LoadConfigOptions } from './load-config-file.js';
export { loadConfigFile } from './load-config-file.js';
export { loadConfigOrThrow } from './load-config-or-throw.js';
export { parseConfig } from './parse-config.js';
export { parsePercent } from './percent.js';
export { generateJsonSchema } from './schema-output/json-schema.js';
export type { SecretRef } from './secret-ref.js';
export { createSecretRef } from './secret-ref.js';
export { TimeZone } from './time-zone.js';
