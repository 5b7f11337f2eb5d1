import type { SimulationResult } from '@governor/simulator';

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
