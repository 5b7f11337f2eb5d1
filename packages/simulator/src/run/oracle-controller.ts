import type { Controller } from './controller.js';

/**
 * The `oracle` baseline: knows the future load and, at every tick, asks for
 * the largest ideal machine count of the next `lookahead` ticks (one boot
 * time plus one tick), so machines are ready exactly when needed; it scales
 * down as soon as the future allows. No warm pool.
 *
 * @param ideal ideal machines per region (outer) per tick (inner).
 */
export function oracleController(
  regions: readonly string[],
  ideal: readonly Int32Array[],
  lookahead: number,
  min: number,
): Controller {
  return {
    name: 'oracle',
    kind: 'baseline',
    tick({ tick }) {
      const desired: Record<string, number> = {};
      regions.forEach((r, ri) => {
        const series = ideal[ri] ?? new Int32Array(0);
        let need = 0;
        const end = Math.min(series.length - 1, tick + lookahead);
        for (let k = tick; k <= end; k++) need = Math.max(need, series[k] ?? 0);
        desired[r] = need;
      });
      const total = Object.values(desired).reduce((a, b) => a + b, 0);
      if (total < min && regions.length > 0) {
        const first = regions[0] ?? '';
        desired[first] = (desired[first] ?? 0) + (min - total);
      }
      return { desired, warmPool: 0 };
    },
  };
}
