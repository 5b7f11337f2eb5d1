import type { AppConfig } from '@governor/config';
import type { Controller } from './controller.js';
import { idealOver } from './fleet-bounds.js';
import { type ProgressFn, runController } from './run-controller.js';
import type { SimulationSetup } from './simulation-setup.js';

/** Scale-down holds the `reactive-ideal` baseline is run at (seconds): its frontier. */
export const REACTIVE_IDEAL_HOLDS: readonly number[] = [0, 60, 300, 600, 1800];

/** One point of the reactive ideal: the ideal fleet, one tick late, at one scale-down hold. */
export interface ReactiveIdealPoint {
  /** How long (s) it keeps the most any recent tick needed before scaling down. */
  readonly holdSeconds: number;
  readonly machineSeconds: number;
  /** Share of scored minutes that violated the SLO, 0..1. */
  readonly sloViolationMinuteShare: number;
}

/**
 * The ideal fleet, one tick late: a policy that knows the machine's true
 * capacity (the ideal count of every tick, as the oracle does) but not the
 * future. At each tick it asks for the most any tick needed from `hold`
 * ticks before the last completed one up to it, and keeps every machine it
 * may need stopped (a warm pool as large as `max`), so what it asks for
 * runs one start time later, never a boot. Its only lever is the hold: it
 * keeps no headroom. Run over several holds it traces what lateness alone
 * costs: what it still violates is the price of not knowing the future,
 * paid by any policy that reacts one tick after the load and does not
 * keep standing capacity.
 */
export function reactiveIdealController(
  regions: readonly string[],
  ideal: readonly Int32Array[],
  holdTicks: number,
  min: number,
  max: number,
): Controller {
  return {
    name: 'reactive-ideal',
    kind: 'baseline',
    tick({ tick }) {
      // The last completed tick is tick - 1: its window closed as this tick began.
      const desired = idealOver(regions, ideal, tick - 1 - holdTicks, tick - 1, min, max);
      return { desired, warmPool: max };
    },
  };
}

/** Runs the reactive ideal at each hold of `holds` (seconds) over the whole simulation. */
export async function runReactiveIdeal(
  setup: SimulationSetup,
  app: AppConfig,
  onProgress?: (policy: string, done: number, total: number) => void,
  holds: readonly number[] = REACTIVE_IDEAL_HOLDS,
): Promise<ReactiveIdealPoint[]> {
  const out: ReactiveIdealPoint[] = [];
  for (const holdSeconds of holds) {
    const holdTicks = Math.round((holdSeconds * 1000) / setup.dt);
    const controller = reactiveIdealController(
      setup.regions,
      setup.ideal,
      holdTicks,
      Math.max(1, app.min),
      app.max,
    );
    const name = `reactive-ideal@${holdSeconds}s`;
    const progress: ProgressFn | undefined = onProgress ? (d, t) => onProgress(name, d, t) : undefined;
    const card = (await runController(setup, controller, [], progress)).scorecard;
    out.push({
      holdSeconds,
      machineSeconds: card.machineSeconds,
      sloViolationMinuteShare: card.sloViolationMinuteShare,
    });
  }
  return out;
}
