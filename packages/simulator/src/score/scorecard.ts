/**
 * The scorecard of one policy over one simulation. Only unmasked time is
 * scored. Field names are part of `governor simulate --json` (see
 * docs/simulate.md).
 */
export interface Scorecard {
  /** Policy name: the app's name, or a baseline's. */
  readonly policy: string;
  /** `policy` or `baseline`. */
  readonly kind: 'policy' | 'baseline';
  /** Scored (unmasked) simulated time, seconds. */
  readonly scoredSeconds: number;
  /** Seconds during which the fleet latency quantile exceeded the SLO (or over 1% of requests failed). */
  readonly sloViolationSeconds: number;
  /** `sloViolationSeconds / scoredSeconds`. */
  readonly sloViolationShare: number;
  /** Scored minutes whose requests missed the SLO (more than 1 - quantile of them slower than the SLO or failed). */
  readonly sloViolationMinutes: number;
  /** `sloViolationMinutes` / scored minutes. */
  readonly sloViolationMinuteShare: number;
  /** Machine-seconds billed: machines booting, started or stopping. */
  readonly machineSeconds: number;
  /** Mean billed machines. */
  readonly meanMachines: number;
  /** Machine-seconds by which ready machines fell short of the ideal count. */
  readonly underProvisionedMachineSeconds: number;
  /** Share of scored time with fewer ready machines than the ideal. */
  readonly underProvisionedShare: number;
  /** Machine-seconds by which billed machines exceeded the ideal count. */
  readonly overProvisionedMachineSeconds: number;
  /** Share of scored time with more billed machines than the ideal. */
  readonly overProvisionedShare: number;
  /** Times the decided machine count changed, per scored hour. */
  readonly scalingActionsPerHour: number;
  /** Provider operations (create, start, stop, suspend, destroy) per scored hour. */
  readonly providerActionsPerHour: number;
  /** Share of requests that failed (queue full or no machine). */
  readonly errorShare: number;
  /** Reaction to load steps: seconds until ready machines reached the step's ideal count. */
  readonly reaction: ReactionStats;
  /** `machineSeconds` / the oracle's (present when the oracle was scored). */
  readonly costVsOracle?: number;
  /**
   * `machineSeconds` / the fewest machine-seconds with which HPA's frontier
   * violates the SLO in no more minutes (present with `hpa-frontier`).
   */
  readonly isoSloCostVsHpa?: number;
  /** True when no frontier point violates as little as this policy (present with `hpa-frontier`). */
  readonly beyondFrontier?: boolean;
}

/** Reaction-time statistics over the load steps of a trace. */
export interface ReactionStats {
  /** Load steps found in scored time. */
  readonly steps: number;
  /** Median seconds (0 when there were no steps). */
  readonly medianSeconds: number;
  /** 90th percentile seconds. */
  readonly p90Seconds: number;
  /** Longest seconds; a step never caught up with counts as the time until the next step or the end (at most 15 min). */
  readonly maxSeconds: number;
}
