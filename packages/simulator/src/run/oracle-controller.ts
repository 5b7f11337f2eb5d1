import type { Controller } from './controller.js';

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
      const desired: Record<string, number> = {};
      regions.forEach((r, ri) => {
        const series = ideal[ri] ?? new Int32Array(0);
        let need = 0;
        const end = Math.min(series.length - 1, tick + lookahead);
        for (let k = tick; k <= end; k++) need = Math.max(need, series[k] ?? 0);
        desired[r] = need;
      });
      let total = Object.values(desired).reduce((a, b) => a + b, 0);
      if (total > max) {
        // Keep the regions' shares: floor each share of max, then hand the
        // remainder to the largest fractional parts.
        const exact = regions.map((r) => ((desired[r] ?? 0) * max) / total);
        regions.forEach((r, i) => {
          desired[r] = Math.floor(exact[i] ?? 0);
        });
        let left = max - regions.reduce((a, r) => a + (desired[r] ?? 0), 0);
        const order = regions
          .map((r, i) => ({ r, frac: (exact[i] ?? 0) - Math.floor(exact[i] ?? 0) }))
          .sort((a, b) => b.frac - a.frac);
        for (const { r } of order) {
          if (left <= 0) break;
          desired[r] = (desired[r] ?? 0) + 1;
          left--;
        }
        total = max;
      }
      if (total < min && regions.length > 0) {
        const first = regions[0] ?? '';
        desired[first] = (desired[first] ?? 0) + (min - total);
      }
      return { desired, warmPool: 0 };
    },
  };
}
