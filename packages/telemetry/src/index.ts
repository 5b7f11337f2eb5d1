export type { CreateLoggerOptions, Logger } from './logger.js';
export { createLogger, silentLogger } from './logger.js';
export type { MetricSpec } from './metric-names.js';
export { ALL_METRICS, AUTOSCALER_METRICS, COLLECTOR_METRICS, exportedSeriesNames } from './metric-names.js';
