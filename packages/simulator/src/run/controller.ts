import type { AppConfig } from '@governor/config';
import type { Machine } from '@governor/providers';
import { decide, emptyHistory, type History, type Observations } from '@governor/scaler';

/** What a controller sees at one tick. */
export interface ControllerInput {
  /** Simulation time, ms since the trace start. */
  readonly t: number;
  /** Tick index. */
  readonly tick: number;
  readonly machines: readonly Machine[];
  readonly observations: Observations;
}

/** What a controller wants the fleet to look like. */
export interface ControllerOutput {
  /** Machines to run per region. */
  readonly desired: Readonly<Record<string, number>>;
  /** Stopped machines to keep ready beyond the running ones. */
  readonly warmPool: number;
  /** How a machine scaled down into the warm pool is parked. Default `stop`. */
  readonly park?: 'stop' | 'suspend';
}

/** Turns each tick's view of the fleet into a desired fleet shape. */
export interface Controller {
  readonly name: string;
  readonly kind: 'policy' | 'baseline';
  tick(input: ControllerInput): ControllerOutput;
}

/**
 * A controller that runs the real `decide` of `@governor/scaler` on `policy`,
 * keeping its history between ticks. A decision without per-region targets
 * (`*`) is placed over the simulated regions in proportion to their load.
 */
export function decideController(
  name: string,
  kind: Controller['kind'],
  policy: AppConfig,
  regions: readonly string[],
  split: readonly number[],
  epoch: number,
): Controller {
  let history: History = emptyHistory();
  return {
    name,
    kind,
    tick(input) {
      const d = decide(policy, input.observations, history, epoch + input.t);
      history = d.history;
      const star = d.desiredByRegion['*'];
      const desired = star === undefined ? d.desiredByRegion : placeByShare(star, regions, split);
      return { desired, warmPool: d.warmPool, park: policy.park };
    },
  };
}

/** Spreads `total` machines over `regions` by largest remainder of `split`. */
export function placeByShare(
  total: number,
  regions: readonly string[],
  split: readonly number[],
): Record<string, number> {
  const out: Record<string, number> = {};
  if (regions.length === 1) {
    out[regions[0] ?? ''] = total;
    return out;
  }
  const sum = split.reduce((a, b) => a + b, 0) || 1;
  const exact = regions.map((_, i) => (total * (split[i] ?? 0)) / sum);
  const floor = exact.map((x) => Math.floor(x));
  let left = total - floor.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => [x - Math.floor(x), i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floor[i] = (floor[i] ?? 0) + 1;
    left--;
  }
  regions.forEach((r, i) => {
    out[r] = floor[i] ?? 0;
  });
  return out;
}
