import type { LatencyTarget } from '@governor/config';
import type { FleetQuantile } from '../fleet-latency.js';
import { QUANTILES } from '../metric-proposals.js';
import { roundText } from '../numbers.js';
import type { MachineObservation, MetricProposal } from '../types.js';
import { planMachines } from './capacity-plan.js';
import type { CapacityView } from './capacity-tick.js';
import { readWindow } from './observe-window.js';

/** Largest step (x ready machines) a latency breach takes while the model is not calibrated. */
export const UNCALIBRATED_STEP = 2;

/**
 * Share of the learned capacity per machine below which a breach is not
 * taken as a lack of machines: a fleet that slow while serving under half
 * of what its machines can is slowed by something else (a slow dependency,
 * a pause, one slow request among the few of a quiet window), and another
 * machine would not help. The breach is still evidence the model learns from.
 */
export const BREACH_MIN_LOAD = 0.5;

/** The scope's inputs for a capacity-mode latency proposal. */
export interface CapacityProposalInput {
  readonly name: string;
  readonly target: LatencyTarget;
  readonly view: CapacityView;
  readonly machines: readonly MachineObservation[];
  readonly current: number;
  readonly ready: number;
  readonly quantile: FleetQuantile;
  /** Whether the scope is the app's implicit region (the burst hold applies to it). */
  readonly whole: boolean;
}

/**
 * A latency target in capacity mode, once the model is calibrated: the
 * plan's machines for the scope's demand; on a breach with every machine
 * ready and at least half the learned capacity in use, at least one more
 * than now; held at the recurring bursts' need
 * (scale-down memory). Undefined while uncalibrated (the caller then takes
 * a bounded ratio step).
 */
export function capacityProposal(input: CapacityProposalInput): MetricProposal | undefined {
  const { view, target, current, ready, quantile, name } = input;
  const estimate = view.estimate;
  const outlook = view.outlook;
  if (estimate === undefined || !estimate.calibrated || outlook === undefined) return undefined;
  // A region's demand: its share of the app's last window applied to the app's demand level.
  const reading = input.whole ? undefined : readWindow(input.machines, QUANTILES[target.quantile]);
  const demand =
    reading === undefined || !(outlook.last > 0)
      ? outlook.now
      : (outlook.now * reading.demand) / outlook.last;
  const plan = planMachines({
    config: view.config,
    estimate,
    outlook,
    demand,
    startMs: view.startMs,
    startMeasured: view.startMeasured,
    fixedHeadroom: 1 / target.targetRatio - 1,
    current,
    downTolerance: view.downTolerance,
  });
  let proposed = plan.machines;
  const parts = [plan.message];
  const breach = quantile.ms > target.slo;
  if (breach && ready >= current && proposed <= current) {
    const load = current > 0 ? demand / current / estimate.rps : 1;
    if (load >= BREACH_MIN_LOAD) {
      proposed = current + 1;
      parts.push(
        `${target.quantile} ${roundText(quantile.ms)}ms breaches SLO ${roundText(target.slo)}ms with all ${current} ready -> ${proposed}`,
      );
    } else {
      parts.push(
        `${target.quantile} ${roundText(quantile.ms)}ms breaches SLO ${roundText(target.slo)}ms at ${roundText(load * 100, 1)}% of capacity: not load, no machine added`,
      );
    }
  }
  const hold = input.whole ? view.hold : undefined;
  if (hold !== undefined && hold.machines > proposed) {
    proposed = hold.machines;
    parts.push(
      `${hold.bursts} bursts within ${Math.round(view.config.scaleDownMemory / 1000)}s needed ${hold.machines} -> hold ${proposed}`,
    );
  }
  const ratio = current > 0 ? demand / (estimate.rps * current) : 0;
  return {
    metric: name,
    status: 'ok',
    current: quantile.ms,
    target: target.slo,
    ratio,
    rawRatio: ratio,
    readyCount: ready,
    missingCount: input.machines.length - ready,
    unreadyCount: 0,
    basis: current,
    proposed,
    formula: parts.join('; '),
  };
}
