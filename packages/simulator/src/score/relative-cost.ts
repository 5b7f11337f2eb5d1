import { type FrontierPoint, isoSloCost } from './iso-slo-cost.js';
import type { Scorecard } from './scorecard.js';

/**
 * The scorecards with their costs relative to the oracle (`costVsOracle`,
 * when an `oracle` scorecard is present) and to HPA's frontier at the same
 * SLO-violation minute share (`isoSloCostVsHpa`, `beyondFrontier`, when a
 * frontier is given).
 */
export function withRelativeCosts(
  cards: readonly Scorecard[],
  frontier: readonly FrontierPoint[] | undefined,
): Scorecard[] {
  const oracle = cards.find((c) => c.kind === 'baseline' && c.policy === 'oracle');
  return cards.map((c) => {
    const iso = frontier ? isoSloCost(frontier, c) : undefined;
    return {
      ...c,
      ...(oracle && oracle.machineSeconds > 0 && { costVsOracle: c.machineSeconds / oracle.machineSeconds }),
      ...(iso && { isoSloCostVsHpa: iso.isoSloCostVsHpa, beyondFrontier: iso.beyondFrontier }),
    };
  });
}
