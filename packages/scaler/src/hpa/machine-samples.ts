/**
 * HPA's `groupPods` for one per-machine metric: which running machines have
 * a usable value, which miss it, and which are not ready.
 */
export interface MachineSamples {
  /** Values of machines with the metric that count as ready. */
  readonly values: number[];
  /** Running machines without a value for this metric. */
  readonly missing: number;
  /** Running machines with a value that are not ready (their value is dropped). */
  readonly unready: number;
}

/** One running machine's value for the metric and its readiness. */
export interface MachineSample {
  readonly value: number | undefined;
  readonly ready: boolean;
}

/**
 * Groups samples as HPA does: a missing value makes a machine "missing"
 * (whatever its readiness); a present value of a not-ready machine is dropped
 * as "unready" when `unreadyApplies` (HPA: CPU only); every other machine is
 * ready.
 */
export function groupSamples(samples: readonly MachineSample[], unreadyApplies: boolean): MachineSamples {
  const values: number[] = [];
  let missing = 0;
  let unready = 0;
  for (const s of samples) {
    if (s.value === undefined || !Number.isFinite(s.value)) missing++;
    else if (unreadyApplies && !s.ready) unready++;
    else values.push(s.value);
  }
  return { values, missing, unready };
}
