import { GovernorError } from '@governor/errors';
import type { SketchDistribution } from '../snapshot.js';

/** Options of {@link DDSketch}. */
export interface DDSketchOptions {
  /** Relative accuracy alpha of every quantile: |estimate - true| <= alpha * true. Default 0.01. */
  readonly relativeAccuracy?: number;
  /**
   * Most bins kept; beyond it the lowest bins are collapsed into one, which
   * only loses accuracy for the lowest quantiles. Default 2048 (covers
   * 1 microsecond to 1e8 seconds at alpha 0.01 without collapsing).
   */
  readonly maxBins?: number;
}

/** Values at or below this are counted as zero (latencies are non-negative). */
const MIN_INDEXABLE = 1e-9;

/**
 * A DDSketch (Masson, Rim, Lee, VLDB 2019): a quantile sketch with bounded
 * relative error that merges exactly, so fleet quantiles come from merging
 * per-instance sketches, never from averaging per-instance percentiles.
 * Logarithmic bins: value v > 0 goes to bin ceil(log_gamma(v)) with
 * gamma = (1 + alpha) / (1 - alpha).
 */
export class DDSketch {
  readonly relativeAccuracy: number;
  readonly maxBins: number;
  private readonly gamma: number;
  private readonly logGamma: number;
  private readonly bins = new Map<number, number>();
  private zero = 0;
  private total = 0;
  private sumOfValues = 0;

  constructor(options: DDSketchOptions = {}) {
    const alpha = options.relativeAccuracy ?? 0.01;
    if (!(alpha > 0 && alpha < 1)) {
      throw new GovernorError(
        'GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS',
        `relative accuracy ${alpha} is not in (0, 1)`,
      );
    }
    this.relativeAccuracy = alpha;
    this.maxBins = options.maxBins ?? 2048;
    this.gamma = (1 + alpha) / (1 - alpha);
    this.logGamma = Math.log(this.gamma);
  }

  /** Number of values added. */
  get count(): number {
    return this.total;
  }

  /** Sum of values added. */
  get sum(): number {
    return this.sumOfValues;
  }

  /** Adds `value` (`weight` times). NaN values and non-positive weights are ignored. */
  add(value: number, weight = 1): this {
    if (Number.isNaN(value) || !(weight > 0)) return this;
    this.total += weight;
    this.sumOfValues += value * weight;
    if (value <= MIN_INDEXABLE) {
      this.zero += weight;
      return this;
    }
    const index = Math.ceil(Math.log(value) / this.logGamma);
    this.bins.set(index, (this.bins.get(index) ?? 0) + weight);
    if (this.bins.size > this.maxBins) this.collapseLowest();
    return this;
  }

  /** Adds every value of `other`. Throws when the relative accuracies differ. */
  merge(other: DDSketch): this {
    if (other.relativeAccuracy !== this.relativeAccuracy) {
      throw new GovernorError(
        'GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS',
        `cannot merge sketches of relative accuracy ${this.relativeAccuracy} and ${other.relativeAccuracy}`,
      );
    }
    for (const [index, n] of other.bins) this.bins.set(index, (this.bins.get(index) ?? 0) + n);
    this.zero += other.zero;
    this.total += other.total;
    this.sumOfValues += other.sumOfValues;
    while (this.bins.size > this.maxBins) this.collapseLowest();
    return this;
  }

  /**
   * The q-quantile (0 <= q <= 1) within the relative accuracy; NaN when the
   * sketch is empty or q is outside [0, 1].
   */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1) || this.total === 0) return Number.NaN;
    const rank = q * (this.total - 1);
    let seen = this.zero;
    if (seen > rank) return 0;
    const indexes = [...this.bins.keys()].sort((a, b) => a - b);
    for (const index of indexes) {
      seen += this.bins.get(index) as number;
      if (seen > rank) return this.valueOf(index);
    }
    const last = indexes[indexes.length - 1];
    return last === undefined ? 0 : this.valueOf(last);
  }

  /** The representative value of a bin: within alpha of every value it holds. */
  private valueOf(index: number): number {
    return (2 * this.gamma ** index) / (this.gamma + 1);
  }

  private collapseLowest(): void {
    const indexes = [...this.bins.keys()].sort((a, b) => a - b);
    const [lowest, next] = indexes;
    if (lowest === undefined || next === undefined) return;
    this.bins.set(next, (this.bins.get(next) as number) + (this.bins.get(lowest) as number));
    this.bins.delete(lowest);
  }

  /** The serializable form carried in snapshots. */
  toJSON(): SketchDistribution {
    const bins: Record<string, number> = {};
    for (const [index, n] of [...this.bins].sort((a, b) => a[0] - b[0])) bins[String(index)] = n;
    return {
      kind: 'ddsketch',
      relativeAccuracy: this.relativeAccuracy,
      zeroCount: this.zero,
      bins,
      count: this.total,
      sum: this.sumOfValues,
    };
  }

  /** Rebuilds a sketch from its serialized form. */
  static fromJSON(
    json: SketchDistribution,
    options: Omit<DDSketchOptions, 'relativeAccuracy'> = {},
  ): DDSketch {
    const sketch = new DDSketch({ ...options, relativeAccuracy: json.relativeAccuracy });
    for (const [key, n] of Object.entries(json.bins)) {
      const index = Number(key);
      if (!Number.isInteger(index) || !(n >= 0)) {
        throw new GovernorError('GOV_METRICS_INCOMPATIBLE_DISTRIBUTIONS', `invalid sketch bin ${key}: ${n}`);
      }
      if (n > 0) sketch.bins.set(index, n);
    }
    sketch.zero = json.zeroCount;
    sketch.total = json.count;
    sketch.sumOfValues = json.sum;
    while (sketch.bins.size > sketch.maxBins) sketch.collapseLowest();
    return sketch;
  }
}
