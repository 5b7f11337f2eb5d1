import type { CapacityConfig } from '@governor/config';
import { machinesFor, roundText } from '../numbers.js';
import type { CapacityEstimate } from './capacity-estimate.js';
import type { DemandOutlook } from './demand-outlook.js';

/** The least headroom kept even on perfectly smooth load. */
export const MIN_HEADROOM = 0.02;

/** Machines the model needs for a demand, and the sentence that explains them. */
export interface CapacityNeed {
  readonly machines: number;
  readonly headroom: number;
  readonly message: string;
}

/** What {@link planMachines} reads. */
export interface PlanInput {
  readonly config: CapacityConfig;
  readonly estimate: CapacityEstimate;
  readonly outlook: DemandOutlook;
  /** The scope's requests/s now (the app's, or one region's). */
  readonly demand: number;
  readonly startMs: number;
  readonly startMeasured: boolean;
  /** Fixed margin when noise-aware headroom is off: 1 / targetRatio - 1. */
  readonly fixedHeadroom: number;
  /** Running machines, and the scale-down tolerance: fewer only when they would do with this much more demand. */
  readonly current: number;
  readonly downTolerance: number;
}

/**
 * machines = ceil((expected demand + headroom) / capacity), where the
 * expected demand is the scope's demand scaled by the app's expected rise
 * over the horizon and the headroom is `confidence` x the load's recent
 * noise over that horizon (scaled to the scope's share; at least 2% of the
 * expected demand); with `headroom: false` a fixed margin (1 / targetRatio
 * - 1 of the demand) instead.
 */
export function planMachines(p: PlanInput): CapacityNeed {
  const { estimate, outlook, config } = p;
  const share = outlook.now > 0 ? p.demand / outlook.now : 1;
  const expected = p.demand + (outlook.expected - outlook.now) * share;
  const spare = config.headroom
    ? Math.max(MIN_HEADROOM * expected, config.confidence * outlook.noise * share)
    : p.fixedHeadroom * expected;
  const headroom = expected > 0 ? spare / expected : 0;
  let machines = Math.max(1, machinesFor((expected + spare) / estimate.rps));
  let held = '';
  if (machines < p.current) {
    const down = Math.max(1, machinesFor(((expected + spare) * (1 + p.downTolerance)) / estimate.rps));
    if (down > machines) {
      held = ` (${Math.min(down, p.current)} with ${roundText(p.downTolerance * 100, 1)}% scale-down tolerance)`;
      machines = Math.min(down, p.current);
    }
  }
  const start = `start ${roundText(p.startMs / 1000, 1)}s (${p.startMeasured ? 'measured' : 'assumed'})`;
  const noise = config.headroom
    ? `+-${roundText(outlook.noise * share, 1)} rps over ${roundText(outlook.horizonMs / 1000, 1)}s`
    : 'fixed margin';
  const trend = outlook.trend > 0 ? `, rising ${roundText(outlook.trend, 2)} rps/s` : '';
  const message =
    `capacity ${roundText(estimate.rps, 1)} rps/machine (${estimate.windows} windows${estimate.fromCpu ? ', CPU ceiling' : ''}), ` +
    `demand ${roundText(p.demand, 1)} rps ${noise}${trend}, ${start}, headroom ${roundText(headroom * 100, 1)}% -> ${machines}${held}`;
  return { machines, headroom, message };
}
