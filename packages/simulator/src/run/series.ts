/** Downsampled time series of one simulation, for charts. */
export interface SimulationSeries {
  /** Seconds per point. */
  readonly pointSeconds: number;
  /** Start of each point, seconds since the trace start. */
  readonly t: readonly number[];
  /** Mean demand (requests per second). */
  readonly load: readonly number[];
  /** Mean ideal machine count. */
  readonly ideal: readonly number[];
  /** Whether the point covers masked (missing) data. */
  readonly masked: readonly boolean[];
}

/** Downsampled per-policy series. */
export interface PolicySeries {
  /** Mean billed machines per point. */
  readonly machines: readonly number[];
  /** Highest fleet latency quantile per point, ms (capped at a full queue). */
  readonly p99: readonly number[];
}

/** Accumulates per-tick values into fixed-size points (mean or max). */
export class PointAccumulator {
  readonly values: number[] = [];
  private sum = 0;
  private n = 0;
  private max = Number.NEGATIVE_INFINITY;
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
  }

  /** Closes the last point; returns the values. */
  finish(): number[] {
    this.flush(-1);
    return this.values;
  }

  private flush(next: number): void {
    if (this.point >= 0 && this.n > 0) {
      const v = this.mode === 'mean' ? this.sum / this.n : this.max;
      this.values.push(Math.round(v * 1000) / 1000);
    }
    this.point = next;
    this.sum = 0;
    this.n = 0;
    this.max = Number.NEGATIVE_INFINITY;
  }
}
