export type { SpanAttributes } from './in-span.js';
export { failSpan, inSpan } from './in-span.js';
export type { CreateLoggerOptions, Logger } from './logger.js';
export { createLogger, silentLogger } from './logger.js';
export type { MetricSpec } from './metric-names.js';
export {
  ALL_METRICS,
  AUTOSCALER_METRICS,
  COLLECTOR_METRICS,
  exportedSeriesNames,
  percentileLabel,
} from './metric-names.js';
export type { StartTelemetryOptions, Telemetry } from './otel.js';
export { startTelemetry } from './otel.js';
export { packageVersion } from './package-version.js';
export type { CreateMetricsRegistryOptions } from './registry.js';
export { counterFor, createMetricsRegistry, gaugeFor, histogramFor } from './registry.js';
export { parseResourceAttributes } from './resource-attributes.js';
