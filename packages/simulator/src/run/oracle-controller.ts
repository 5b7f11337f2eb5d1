import type { Controller } from './controller.js';
import { idealOver } from './fleet-bounds.js';

/**
 * The `oracle` baseline: knows the future load and, at every tick, asks for
 * the largest ideal machine count of the next `lookahead` ticks (one boot
 * time plus one tick), so machines are ready exactly when needed; it scales
 * down as soon as the future allows. No warm pool. Held within the app's
 * [min, max] like every other policy, so its SLO figure is what a perfect
 * forecast could reach with the same fleet bounds.
 *
 * @param ideal ideal machines per region (outer) per tick (inner).
 */
export function oracleController(
  regions: readonly string[],
  ideal: readonly Int32Array[],
  lookahead: number,
  min: number,
  max: number = Number.POSITIVE_INFINITY,
): Controller {
  return {
    name: 'oracle',
    kind: 'baseline',
    tick({ tick }) {
      const desired = idealOver(regions, ideal, tick, tick + lookahead, min, max);
      return { desired, warmPool: 0 };
    },
  };
}
