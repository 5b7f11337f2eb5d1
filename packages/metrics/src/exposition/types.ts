/** The two exposition formats Governor reads. */
export type ExpositionFormat = 'text' | 'openmetrics';

/**
 * A metric family's type. Prometheus text `untyped` is reported as
 * `unknown` (the OpenMetrics name for the same thing).
 */
export type MetricType =
  | 'counter'
  | 'gauge'
  | 'histogram'
  | 'gaugehistogram'
  | 'summary'
  | 'stateset'
  | 'info'
  | 'unknown';

/** One cumulative histogram bucket: observations `<= le`. The last bucket has `le: Infinity`. */
export interface HistogramBucket {
  readonly le: number;
  readonly count: number;
}

/** One precomputed summary quantile. */
export interface SummaryQuantile {
  readonly quantile: number;
  readonly value: number;
}

/** An OpenMetrics exemplar attached to a counter total or a histogram bucket. */
export interface Exemplar {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
  /** Milliseconds since the epoch, when the exemplar had a timestamp. */
  readonly timestamp?: number;
  /** The bucket bound the exemplar was attached to (histograms only). */
  readonly le?: number;
}

/**
 * One series (an OpenMetrics MetricPoint) of a family. Which fields are set
 * depends on the family type:
 * - counter, gauge, unknown, stateset, info: `value`
 * - histogram, gaugehistogram: `buckets` (cumulative, ascending, ending with
 *   `le: Infinity`), and `count` + `sum` when the exposition had them
 *   (`_gcount`/`_gsum` for gauge histograms)
 * - summary: `quantiles` (may be empty), `count` and `sum` when present
 */
export interface MetricSeries {
  /** Labels without the structural ones (`le`, `quantile`); stateset keeps its state label. */
  readonly labels: Readonly<Record<string, string>>;
  readonly value?: number;
  readonly buckets?: readonly HistogramBucket[];
  readonly count?: number;
  readonly sum?: number;
  readonly quantiles?: readonly SummaryQuantile[];
  /** Milliseconds since the epoch (OpenMetrics seconds are converted). */
  readonly timestamp?: number;
  /** `_created`, milliseconds since the epoch (OpenMetrics seconds are converted). */
  readonly created?: number;
  readonly exemplars?: readonly Exemplar[];
}

/** A metric family: metadata plus its series, grouped and reassembled. */
export interface MetricFamily {
  /**
   * The family name as declared. OpenMetrics counters are named without
   * `_total` (`# TYPE http_requests counter`); Prometheus text counters keep
   * whatever name the exposition used (usually ending in `_total`).
   */
  readonly name: string;
  readonly type: MetricType;
  readonly help?: string;
  readonly unit?: string;
  readonly series: readonly MetricSeries[];
}

/** Options of {@link parseExposition}. */
export interface ParseExpositionOptions {
  /** Which grammar to apply. Use `formatFromContentType` on a scrape's Content-Type. */
  readonly format: ExpositionFormat;
  /**
   * Only build these families (by family name; for Prometheus text counters,
   * the `_total` name). Lines of other families are skipped after their name
   * is read, so they are not validated beyond the line structure. Default:
   * every family.
   */
  readonly families?: Iterable<string>;
}
