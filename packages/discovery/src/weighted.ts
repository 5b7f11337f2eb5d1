import type { Instance } from './instance.js';
import type { PickContext, Strategy } from './strategy.js';

/** The default weight: CPU headroom (1 - utilisation), at least 0.05; 1 when no load is reported. */
export function headroom(i: Instance): number {
  const u = i.load?.utilization;
  return u === undefined ? 1 : Math.max(0.05, 1 - u);
}

/**
 * Random choice in proportion to `weight(instance)` (default
 * {@link headroom}). Non-positive or non-finite weights count as 0; when
 * every weight is 0 the choice is uniform.
 */
export function weighted(weight: (i: Instance) => number = headroom): Strategy {
  return {
    name: 'weighted',
    pick(candidates: readonly Instance[], ctx: PickContext): Instance {
      const ws = candidates.map((c) => {
        const w = weight(c);
        return Number.isFinite(w) && w > 0 ? w : 0;
      });
      const total = ws.reduce((a, b) => a + b, 0);
      if (total <= 0) return candidates[Math.floor(ctx.random() * candidates.length)] as Instance;
      let r = ctx.random() * total;
      for (let i = 0; i < candidates.length; i++) {
        r -= ws[i] as number;
        if (r < 0) return candidates[i] as Instance;
      }
      return candidates[candidates.length - 1] as Instance;
    },
  };
}
