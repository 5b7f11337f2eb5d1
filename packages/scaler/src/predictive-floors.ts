import type { AppConfig } from '@governor/config';
import { fleetRps } from './activity.js';
import { metricProposals } from './metric-proposals.js';
import { predictiveFloor } from './predictive-floor.js';
import type { Floor } from './scope/scope-types.js';
import { splitByWeight } from './split-by-weight.js';
import { ANY_REGION, type DecisionStep, type MachineObservation, type Observations } from './types.js';

/** The forecast state to store, the floor per scope key, and a step when no floor was set. */
export interface PredictiveFloors {
  readonly state: unknown;
  readonly floors?: Record<string, Floor>;
  readonly step?: DecisionStep;
}

/**
 * Runs the predictive floor for the app (undefined when predictive scaling
 * is off): feeds the fleet rps (machine rps, else edge rps), and splits a
 * trustworthy floor across the configured regions by weight (or gives it to
 * the implicit region).
 */
export function predictiveFloors(
  policy: AppConfig,
  observations: Observations,
  running: readonly MachineObservation[],
  previous: unknown,
  now: number,
  learned?: number,
): PredictiveFloors | undefined {
  if (!policy.predictive?.enabled) return undefined;
  let maxRatio: number | undefined;
  // Without an rps target, capacity per machine comes from the other targets' ratio.
  if (learned === undefined && !policy.targets.some((t) => t.type === 'rps') && running.length > 0) {
    for (const p of metricProposals({ policy, machines: running, current: running.length })) {
      if (p.rawRatio !== undefined && (maxRatio === undefined || p.rawRatio > maxRatio))
        maxRatio = p.rawRatio;
    }
  }
  const rps = fleetRps(running) ?? observations.edgeRps;
  const pf = predictiveFloor(policy, previous, rps, running.length, maxRatio, now, learned);
  if (pf === undefined) return undefined;
  if (pf.floor === undefined) {
    const message = `no predictive floor: ${pf.skipped ?? 'no forecast'}`;
    return {
      state: pf.state,
      step: { stage: 'predictive', reason: 'PredictiveFloor', before: 0, after: 0, message },
    };
  }
  const floor = pf.floor;
  const regionKeys = Object.keys(policy.regions);
  const floors: Record<string, Floor> = {};
  if (regionKeys.length === 0) floors[ANY_REGION] = floor;
  else {
    const split = splitByWeight(floor.machines, policy.regions);
    for (const r of regionKeys) floors[r] = { ...floor, machines: split[r] ?? 0 };
  }
  return { state: pf.state, floors };
}
