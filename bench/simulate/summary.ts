import { frontierCostAt, type SimulationResult } from '@governor/simulator';

/** The figures of the shipped policy in one run, against hpa-default and the oracle. */
export interface RunFigures {
  readonly label: string;
  readonly costVsOracle: number;
  readonly scaleChangesPerHourVsHpa: number;
  /** Share of minutes violating the SLO, 0..1. */
  readonly sloViolationMinuteShare: number;
  readonly isoSloCostVsHpa: number;
  readonly beyondFrontier: boolean;
}

/** Pulls the policy's figures out of a simulation that scored hpa-default, the oracle and the frontier. */
export function runFigures(label: string, result: SimulationResult): RunFigures {
  const policy = result.scorecards.find((c) => c.kind === 'policy');
  const hpa = result.scorecards.find((c) => c.policy === 'hpa-default');
  if (!policy || !hpa || policy.costVsOracle === undefined || policy.isoSloCostVsHpa === undefined) {
    throw new Error(
      'the simulation did not score the policy against hpa-default, the oracle and the frontier',
    );
  }
  return {
    label,
    costVsOracle: policy.costVsOracle,
    scaleChangesPerHourVsHpa:
      hpa.scalingActionsPerHour > 0
        ? policy.scalingActionsPerHour / hpa.scalingActionsPerHour
        : Number.POSITIVE_INFINITY,
    sloViolationMinuteShare: policy.sloViolationMinuteShare,
    isoSloCostVsHpa: policy.isoSloCostVsHpa,
    beyondFrontier: policy.beyondFrontier === true,
  };
}

/** One line of a run's figures. */
export function formatRunFigures(f: RunFigures): string {
  return (
    `${f.label}: cost-vs-oracle ${f.costVsOracle.toFixed(2)}, scale-changes-per-hour-vs-hpa ` +
    `${f.scaleChangesPerHourVsHpa.toFixed(2)}, slo-violation-minutes ${(f.sloViolationMinuteShare * 100).toFixed(2)}%, ` +
    `iso-slo-cost-vs-hpa ${f.isoSloCostVsHpa.toFixed(2)}${f.beyondFrontier ? ' (beyond the frontier)' : ''}`
  );
}

/** The closing lines: each figure the worst over all runs, `iso-slo-cost-vs-hpa` last. */
export function worstLines(runs: readonly RunFigures[]): string[] {
  const worst = (pick: (f: RunFigures) => number) => Math.max(...runs.map(pick));
  return [
    `cost-vs-oracle: ${worst((f) => f.costVsOracle).toFixed(2)}`,
    `scale-changes-per-hour-vs-hpa: ${worst((f) => f.scaleChangesPerHourVsHpa).toFixed(2)}`,
    `slo-violation-minutes: ${(worst((f) => f.sloViolationMinuteShare) * 100).toFixed(2)}%`,
    `iso-slo-cost-vs-hpa: ${worst((f) => f.isoSloCostVsHpa).toFixed(2)}`,
  ];
}

/**
 * The reactive ideal (the ideal fleet one tick late from a warm pool, per
 * scale-down hold, no headroom) against the oracle, and what it costs at the
 * policy's own share of violating minutes.
 * Undefined without the `reactive-ideal` baseline.
 */
export function formatReactiveIdeal(result: SimulationResult): string | undefined {
  const oracle = result.scorecards.find((c) => c.policy === 'oracle');
  const policy = result.scorecards.find((c) => c.kind === 'policy');
  const bound = result.reactiveIdeal;
  if (!oracle || !policy || !bound) return undefined;
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const points = bound
    .map(
      (p) =>
        `${p.holdSeconds}s ${(p.machineSeconds / oracle.machineSeconds).toFixed(2)}/${pct(p.sloViolationMinuteShare)}`,
    )
    .join(', ');
  // Ordered like HPA's frontier: a longer hold runs more machines and violates less.
  const asFrontier = bound.map((p) => ({
    cpuTarget: -p.holdSeconds,
    machineSeconds: p.machineSeconds,
    sloViolationMinuteShare: p.sloViolationMinuteShare,
  }));
  const at = frontierCostAt(asFrontier, policy.sloViolationMinuteShare);
  const verdict =
    at === undefined
      ? `no hold violates as few minutes as the policy (${pct(policy.sloViolationMinuteShare)})`
      : `at the policy's ${pct(policy.sloViolationMinuteShare)} of minutes it costs ${(at / oracle.machineSeconds).toFixed(2)} of the oracle, the policy ${(policy.machineSeconds / oracle.machineSeconds).toFixed(2)}`;
  return `reactive-ideal (hold cost-vs-oracle/violating minutes): ${points}; ${verdict}`;
}
