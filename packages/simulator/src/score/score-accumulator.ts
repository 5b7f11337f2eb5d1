import type { ReactionStats, Scorecard } from './scorecard.js';

/** Longest reaction time tracked after a load step, seconds. */
export const MAX_REACTION_SECONDS = 900;

/** One simulated tick as the scorecard sees it. */
export interface ScoredTick {
  readonly t: number;
  readonly dt: number;
  readonly ideal: number;
  readonly ready: number;
  readonly billed: number;
  readonly arrivals: number;
  readonly failed: number;
  /** Requests slower than the SLO, failures excluded. */
  readonly slow: number;
  /** Whether the tick's latency quantile exceeded the SLO. */
  readonly violated: boolean;
}

/** Accumulates {@link ScoredTick}s of one policy into a {@link Scorecard}. */
export class ScoreAccumulator {
  private scored = 0;
  private violation = 0;
  private machineSeconds = 0;
  private underMs = 0;
  private underT = 0;
  private overMs = 0;
  private overT = 0;
  private arrivals = 0;
  private failed = 0;
  private minute = -1;
  private minuteRequests = 0;
  private minuteBad = 0;
  private minutes = 0;
  private badMinutes = 0;
  private changes = 0;
  private actions = 0;
  private lastDesired: number | undefined;
  private readonly reactions: number[] = [];
  private open: { at: number; target: number } | undefined;

  /** `badShare`: a minute violates when more than this share of its requests were slow or failed (1 - quantile). */
  constructor(private readonly badShare: number) {}

  /** Adds a scored tick. */
  add(s: ScoredTick): void {
    this.scored += s.dt;
    if (s.violated) this.violation += s.dt;
    this.machineSeconds += s.billed * s.dt;
    if (s.ready < s.ideal) {
      this.underMs += (s.ideal - s.ready) * s.dt;
      this.underT += s.dt;
    }
    if (s.billed > s.ideal) {
      this.overMs += (s.billed - s.ideal) * s.dt;
      this.overT += s.dt;
    }
    this.arrivals += s.arrivals;
    this.failed += s.failed;
    const m = Math.floor(s.t / 60);
    if (m !== this.minute) this.flushMinute(m);
    this.minuteRequests += s.arrivals;
    this.minuteBad += s.slow + s.failed;
    if (this.open && (s.ready >= this.open.target || s.t - this.open.at >= MAX_REACTION_SECONDS)) {
      this.reactions.push(Math.min(MAX_REACTION_SECONDS, s.t - this.open.at));
      this.open = undefined;
    }
  }

  /** Marks a load step at `t` seconds whose ideal count is `target`; checked by the following ticks. */
  loadStep(t: number, target: number, ready: number): void {
    if (this.open) this.reactions.push(Math.min(MAX_REACTION_SECONDS, t - this.open.at));
    this.open = ready >= target ? undefined : { at: t, target };
    if (ready >= target) this.reactions.push(0);
  }

  /** Records the decided total machine count of a tick (scored or not). */
  desired(total: number, scored: boolean): void {
    if (this.lastDesired !== undefined && total !== this.lastDesired && scored) this.changes++;
    this.lastDesired = total;
  }

  /** Records provider operations executed at a scored tick. */
  providerActions(n: number): void {
    this.actions += n;
  }

  /** The scorecard so far. */
  result(policy: string, kind: Scorecard['kind'], endT: number): Scorecard {
    this.flushMinute(-1);
    if (this.open) {
      this.reactions.push(Math.min(MAX_REACTION_SECONDS, endT - this.open.at));
      this.open = undefined;
    }
    const hours = this.scored / 3600;
    const share = (x: number) => (this.scored > 0 ? x / this.scored : 0);
    return {
      policy,
      kind,
      scoredSeconds: this.scored,
      sloViolationSeconds: this.violation,
      sloViolationShare: share(this.violation),
      sloViolationMinutes: this.badMinutes,
      sloViolationMinuteShare: this.minutes > 0 ? this.badMinutes / this.minutes : 0,
      machineSeconds: this.machineSeconds,
      meanMachines: share(this.machineSeconds),
      underProvisionedMachineSeconds: this.underMs,
      underProvisionedShare: share(this.underT),
      overProvisionedMachineSeconds: this.overMs,
      overProvisionedShare: share(this.overT),
      scalingActionsPerHour: hours > 0 ? this.changes / hours : 0,
      providerActionsPerHour: hours > 0 ? this.actions / hours : 0,
      errorShare: this.arrivals > 0 ? this.failed / this.arrivals : 0,
      reaction: reactionStats(this.reactions),
    };
  }

  private flushMinute(next: number): void {
    if (this.minute >= 0) {
      this.minutes++;
      if (this.minuteRequests > 0 && this.minuteBad / this.minuteRequests > this.badShare) this.badMinutes++;
    }
    this.minute = next;
    this.minuteRequests = 0;
    this.minuteBad = 0;
  }
}

function reactionStats(values: readonly number[]): ReactionStats {
  if (values.length === 0) return { steps: 0, medianSeconds: 0, p90Seconds: 0, maxSeconds: 0 };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return {
    steps: sorted.length,
    medianSeconds: at(0.5),
    p90Seconds: at(0.9),
    maxSeconds: sorted[sorted.length - 1] ?? 0,
  };
}
