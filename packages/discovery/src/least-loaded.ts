import type { Instance } from './instance.js';
import type { PickContext, Strategy } from './strategy.js';

/**
 * An instance's load score: the requests in flight it reported, plus this
 * client's own requests in flight to it (known at once, while reports lag by
 * a window), plus its CPU utilisation (0..1, a tie-breaker).
 */
export function loadScore(i: Instance, ctx: PickContext): number {
  return (i.load?.inFlight ?? 0) + ctx.inFlight(i.id) + (i.load?.utilization ?? 0);
}

/**
 * Least loaded by {@link loadScore}, with the "power of two choices": with
 * more than two candidates it compares two drawn at random, so many clients
 * reading the same reports do not all rush the one least-loaded instance;
 * ties are broken at random.
 */
export function leastLoaded(): Strategy {
  return {
    name: 'least-loaded',
    pick(candidates: readonly Instance[], ctx: PickContext): Instance {
      let pool = candidates;
      if (candidates.length > 2) {
        const a = Math.floor(ctx.random() * candidates.length);
        let b = Math.floor(ctx.random() * (candidates.length - 1));
        if (b >= a) b++;
        pool = [candidates[a] as Instance, candidates[b] as Instance];
      }
      let best: Instance[] = [];
      let bestScore = Number.POSITIVE_INFINITY;
      for (const c of pool) {
        const s = loadScore(c, ctx);
        if (s < bestScore) {
          best = [c];
          bestScore = s;
        } else if (s === bestScore) best.push(c);
      }
      return best[Math.floor(ctx.random() * best.length)] as Instance;
    },
  };
}
