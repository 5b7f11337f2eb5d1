import type { MetricType } from './types.js';

/**
 * Sample-name suffixes each family type owns, per format. A family `foo` of
 * type histogram owns `foo_bucket`, `foo_count`, `foo_sum` (and, in
 * OpenMetrics, `foo_created`); a sample whose name is not owned by the
 * current family starts a new family.
 */
const OPENMETRICS_SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['_total', '_created'],
  gauge: [''],
  histogram: ['_bucket', '_count', '_sum', '_created'],
  gaugehistogram: ['_bucket', '_gcount', '_gsum'],
  summary: ['', '_count', '_sum', '_created'],
  stateset: [''],
  info: ['_info'],
  unknown: [''],
};

const TEXT_SUFFIXES: Readonly<Record<MetricType, readonly string[]>> = {
  counter: [''],
  gauge: [''],
  histogram: ['_bucket', '_count', '_sum'],
  gaugehistogram: ['_bucket', '_count', '_sum'],
  summary: ['', '_count', '_sum'],
  stateset: [''],
  info: [''],
  unknown: [''],
};

/** The sample-name suffixes a family of `type` owns. */
export function suffixesOf(type: MetricType, om: boolean): readonly string[] {
  return (om ? OPENMETRICS_SUFFIXES : TEXT_SUFFIXES)[type];
}

const OPENMETRICS_TYPES: ReadonlySet<string> = new Set([
  'counter',
  'gauge',
  'histogram',
  'gaugehistogram',
  'summary',
  'stateset',
  'info',
  'unknown',
]);

/**
 * The family type named by a TYPE line, or null when the format does not
 * know it. Prometheus text is case-insensitive and says `untyped`;
 * OpenMetrics is exact and says `unknown`.
 */
export function typeFromToken(token: string, om: boolean): MetricType | null {
  if (om) return OPENMETRICS_TYPES.has(token) ? (token as MetricType) : null;
  switch (token.toLowerCase()) {
    case 'counter':
      return 'counter';
    case 'gauge':
      return 'gauge';
    case 'histogram':
      return 'histogram';
    case 'summary':
      return 'summary';
    case 'untyped':
      return 'unknown';
    default:
      return null;
  }
}

/** Sample suffixes whose values are counts: never NaN or negative in OpenMetrics. */
export const COUNTER_LIKE_SUFFIXES: ReadonlySet<string> = new Set([
  '_total',
  '_count',
  '_bucket',
  '_gcount',
  '_sum',
]);

/** Sample suffixes whose values must be whole numbers in OpenMetrics. */
export const INTEGER_SUFFIXES: ReadonlySet<string> = new Set(['_count', '_bucket', '_gcount']);
