/**
 * HPA's `groupPods` for one per-machine metric, reduced to what the replica
 * calculation needs: the sum and count of usable values, and how many
 * running machines miss the metric or are not ready.
 */
export interface MachineSamples {
  /** Sum of the values of machines that count as ready (milli-units in HPA mode). */
  readonly sum: number;
  /** Machines that count as ready (have a value and are not dropped as unready). */
  readonly ready: number;
  /** Running machines without a value for this metric. */
  readonly missing: number;
  /** Running machines with a value that are not ready (their value is dropped). */
  readonly unready: number;
}

/** Accumulates {@link MachineSamples} without building intermediate arrays. */
export class SampleAccumulator {
  sum = 0;
  ready = 0;
  missing = 0;
  unready = 0;

  /**
   * @param unreadyApplies Drop values of not-ready machines (HPA: CPU only).
   * @param milli Sum values as integer milli-units (`Math.round(v * 1000)`), as HPA's quantities are.
   */
  constructor(
    private readonly unreadyApplies: boolean,
    private readonly milli: boolean,
  ) {}

  /**
   * Adds one running machine, grouped as HPA does: a missing value makes it
   * "missing" (whatever its readiness); a value of a not-ready machine is
   * dropped as "unready" when that applies; otherwise it is ready.
   */
  add(value: number | undefined, ready: boolean): void {
    if (value === undefined || !Number.isFinite(value)) this.missing++;
    else if (this.unreadyApplies && !ready) this.unready++;
    else {
      this.sum += this.milli ? Math.round(value * 1000) : value;
      this.ready++;
    }
  }
}
