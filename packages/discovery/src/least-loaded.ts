import type { Instance } from './instance.js';
import type { PickContext, Strategy } from './strategy.js';

/** Options of {@link leastLoaded}. */
export interface LeastLoadedOptions {
  /**
   * Weight of the in-flight count the instance reported (it lags by up to a
   * collector window). Use 0 for a client that carries all of the fleet's
   * traffic (an edge proxy): its own count is then exact and current, and a
   * stale report would only make it swing between instances. Default 1.
   */
  readonly reportedWeight?: number;
}

/**
 * An instance's load score: the requests in flight it reported (times
 * `reportedWeight`), plus this client's own requests in flight to it (known
 * at once, while reports lag by a window), plus its CPU utilisation (0..1, a
 * tie-breaker).
 */
export function loadScore(i: Instance, ctx: PickContext, reportedWeight = 1): number {
  return reportedWeight * (i.load?.inFlight ?? 0) + ctx.inFlight(i.id) + (i.load?.utilization ?? 0);
}

/**
 * Least loaded by {@link loadScore}, with the "power of two choices": with
 * more than two candidates it compares two drawn at random, so many clients
 * reading the same reports do not all rush the one least-loaded instance;
 * ties are broken at random.
 */
export function leastLoaded(options: LeastLoadedOptions = {}): Strategy {
  const weight = options.reportedWeight ?? 1;
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
        const s = loadScore(c, ctx, weight);
        if (s < bestScore) {
          best = [c];
          bestScore = s;
        } else if (s === bestScore) best.push(c);
      }
      return best[Math.floor(ctx.random() * best.length)] as Instance;
    },
  };
}
