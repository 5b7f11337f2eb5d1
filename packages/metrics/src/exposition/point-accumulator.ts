import type { LineLexer } from './line-lexer.js';
import type { Exemplar, HistogramBucket, MetricSeries, MetricType, SummaryQuantile } from './types.js';

/** A located complaint about a finished point: the assembler turns it into a parse error. */
export interface PointProblem {
  readonly line: number;
  readonly reason: string;
}

/**
 * Collects the samples of one MetricPoint (one label group at one timestamp)
 * and checks the rules that need the whole point: +Inf bucket, count vs +Inf,
 * `_sum`/`_count` pairing, negative buckets vs sum.
 */
export class PointAccumulator {
  value: number | undefined;
  /** Stateset: one entry per state sample, full labels. */
  states: { labels: Record<string, string>; value: number }[] | undefined;
  buckets: HistogramBucket[] | undefined;
  quantiles: SummaryQuantile[] | undefined;
  count: number | undefined;
  sum: number | undefined;
  created: number | undefined;
  exemplars: Exemplar[] | undefined;
  negativeBucket = false;
  lastBucketLine = 0;
  countLine = 0;
  sumLine = 0;
  /** Identity (sample name + full labels) of every sample in the point, for duplicate detection. */
  readonly seen: string[] = [];

  constructor(
    readonly labels: Record<string, string>,
    /** Number of labels in `labels`. */
    readonly labelCount: number,
    readonly timestamp: number | undefined,
    readonly line: number,
  ) {}

  /** Whether the current sample line's labels (minus `skip`) are this point's labels, in any order. */
  sameGroup(lx: LineLexer, count: number, skip: string | undefined): boolean {
    const labels = this.labels;
    let matched = 0;
    for (let k = 0; k < count; k++) {
      const name = lx.names[k] as string;
      if (name === skip) continue;
      const value =
        name === '__proto__' ? Object.getOwnPropertyDescriptor(labels, name)?.value : labels[name];
      // Inherited members (toString, constructor) are not strings, so they never match.
      if (typeof value !== 'string' || !lx.labelEquals(k, value)) return false;
      matched++;
    }
    return matched === this.labelCount;
  }

  addExemplar(exemplar: Exemplar): void {
    if (this.exemplars === undefined) this.exemplars = [];
    this.exemplars.push(exemplar);
  }

  /** Validates the point and appends its series to `out`; returns a problem instead of throwing. */
  finish(type: MetricType, om: boolean, out: MetricSeries[]): PointProblem | undefined {
    const problem = this.check(type, om);
    if (problem !== undefined) return problem;
    if (type === 'stateset' && this.states !== undefined) {
      for (const state of this.states)
        out.push(this.withCommon({ labels: state.labels, value: state.value }));
      return undefined;
    }
    const series: {
      labels: Record<string, string>;
      value?: number;
      buckets?: HistogramBucket[];
      quantiles?: SummaryQuantile[];
      count?: number;
      sum?: number;
    } = { labels: this.labels };
    if (type === 'histogram' || type === 'gaugehistogram') series.buckets = this.buckets ?? [];
    else if (type === 'summary') series.quantiles = this.quantiles ?? [];
    else if (this.value !== undefined) series.value = this.value;
    if (this.count !== undefined) series.count = this.count;
    if (this.sum !== undefined) series.sum = this.sum;
    out.push(this.withCommon(series));
    return undefined;
  }

  private withCommon<T extends object>(series: T): MetricSeries & T {
    const s = series as T & { timestamp?: number; created?: number; exemplars?: Exemplar[] };
    if (this.timestamp !== undefined) s.timestamp = this.timestamp;
    if (this.created !== undefined) s.created = this.created;
    if (this.exemplars !== undefined) s.exemplars = this.exemplars;
    return s as MetricSeries & T;
  }

  private check(type: MetricType, om: boolean): PointProblem | undefined {
    switch (type) {
      case 'counter':
        if (om && this.value === undefined) {
          return { line: this.line, reason: 'counter point has no _total sample' };
        }
        return undefined;
      case 'histogram':
      case 'gaugehistogram':
        return this.checkHistogram(type, om);
      default:
        return undefined;
    }
  }

  private checkHistogram(type: MetricType, om: boolean): PointProblem | undefined {
    const buckets = this.buckets;
    const last = buckets?.[buckets.length - 1];
    if (last === undefined || last.le !== Number.POSITIVE_INFINITY) {
      const line = buckets === undefined ? this.line : this.lastBucketLine;
      return { line, reason: `${type} has no le="+Inf" bucket` };
    }
    const countName = type === 'gaugehistogram' ? '_gcount' : '_count';
    const sumName = type === 'gaugehistogram' ? '_gsum' : '_sum';
    if (this.count !== undefined && this.count !== last.count) {
      return {
        line: this.countLine,
        reason: `${countName} ${this.count} does not match the +Inf bucket ${last.count}`,
      };
    }
    if (!om) return undefined;
    if (this.sum !== undefined && this.count === undefined) {
      return { line: this.sumLine, reason: `${sumName} without ${countName}` };
    }
    if (this.count !== undefined && this.sum === undefined) {
      return { line: this.countLine, reason: `${countName} without ${sumName}` };
    }
    if (type === 'histogram' && this.negativeBucket && this.sum !== undefined) {
      return { line: this.sumLine, reason: 'a histogram with negative buckets must not have _sum' };
    }
    if (type === 'gaugehistogram' && !this.negativeBucket && this.sum !== undefined && this.sum < 0) {
      return { line: this.sumLine, reason: 'negative _gsum without negative buckets' };
    }
    return undefined;
  }
}
