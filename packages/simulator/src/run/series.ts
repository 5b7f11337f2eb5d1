/** Downsampled time series of one simulation, for charts. */
export interface SimulationSeries {
  /** Seconds per point. */
  readonly pointSeconds: number;
  /** Start of each point, seconds since the trace start. */
  readonly t: readonly number[];
  /** Mean demand (requests per second). */
  readonly load: readonly number[];
  /** Lowest and highest tick demand within each point. */
  readonly loadMin: readonly number[];
  readonly loadMax: readonly number[];
  /** Mean ideal machine count. */
  readonly ideal: readonly number[];
  /** Whether the point covers masked (missing) data. */
  readonly masked: readonly boolean[];
}

/** Downsampled per-policy series. */
export interface PolicySeries {
  /** Mean billed machines per point. */
  readonly machines: readonly number[];
  /** Fewest and most billed machines of any tick within each point. */
  readonly machinesMin: readonly number[];
  readonly machinesMax: readonly number[];
  /** Highest fleet latency quantile per point, ms (capped at a full queue). */
  readonly p99: readonly number[];
  /** Lowest tick's fleet latency quantile per point, ms. */
  readonly p99Min: readonly number[];
  /** Mean over the point's ticks of the fleet latency quantile, ms. */
  readonly p99Mean: readonly number[];
}

/** Accumulates per-tick values into fixed-size points (mean or max), keeping each point's lowest and highest value too. */
export class PointAccumulator {
  readonly values: number[] = [];
  /** Lowest value of each point. */
  readonly lows: number[] = [];
  /** Highest value of each point. */
  readonly highs: number[] = [];
  private sum = 0;
  private n = 0;
  private max = Number.NEGATIVE_INFINITY;
  private min = Number.POSITIVE_INFINITY;
  private point = -1;

  constructor(
    private readonly ticksPerPoint: number,
    private readonly mode: 'mean' | 'max',
  ) {}

  add(tick: number, v: number): void {
    const p = Math.floor(tick / this.ticksPerPoint);
    if (p !== this.point) this.flush(p);
    this.sum += v;
    this.n++;
    if (v > this.max) this.max = v;
    if (v < this.min) this.min = v;
  }

  /** Closes the last point; returns the values. */
  finish(): number[] {
    this.flush(-1);
    return this.values;
  }

  private flush(next: number): void {
    if (this.point >= 0 && this.n > 0) {
      const v = this.mode === 'mean' ? this.sum / this.n : this.max;
      this.values.push(round(v));
      this.lows.push(round(this.min));
      this.highs.push(round(this.max));
    }
    this.point = next;
    this.sum = 0;
    this.n = 0;
    this.max = Number.NEGATIVE_INFINITY;
    this.min = Number.POSITIVE_INFINITY;
  }
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
