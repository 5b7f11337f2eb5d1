/**
 * Iso-SLO cost: how a policy's machine-seconds compare with the fewest that
 * HPA needs, somewhere on its frontier of CPU targets, to violate the SLO in
 * no more minutes than the policy does. Pure arithmetic on a frontier, so
 * any code holding scorecards can reuse it.
 */

/** One point of HPA's frontier: hpa-default run at one CPU target. */
export interface FrontierPoint {
  /** CPU utilisation target, 0..1. */
  readonly cpuTarget: number;
  readonly machineSeconds: number;
  /** Share of scored minutes that violated the SLO, 0..1. */
  readonly sloViolationMinuteShare: number;
}

/** A policy's position against a frontier. */
export interface IsoSloCost {
  /** Machine-seconds HPA's frontier needs at the policy's violation share (see {@link isoSloCost}). */
  readonly hpaMachineSeconds: number;
  /** The policy's machine-seconds / `hpaMachineSeconds`. */
  readonly isoSloCostVsHpa: number;
  /** True when no frontier point violates as little as the policy. */
  readonly beyondFrontier: boolean;
}

/** Shares this close count as equal (minute shares of one trace are exact ratios of the same count). */
const EPSILON = 1e-12;

/**
 * The fewest machine-seconds on the frontier's lower envelope at a violation
 * share of at most `share`: the frontier is the polyline through its points
 * in CPU-target order (linear between neighbouring targets), and the answer
 * is its cheapest point with a share of at most `share`. Ties in share go to
 * the cheapest point. Undefined when no point of the frontier violates as
 * little as `share` (or the frontier is empty).
 */
export function frontierCostAt(frontier: readonly FrontierPoint[], share: number): number | undefined {
  const points = [...frontier].sort((a, b) => a.cpuTarget - b.cpuTarget);
  let best: number | undefined;
  const consider = (cost: number) => {
    if (best === undefined || cost < best) best = cost;
  };
  points.forEach((p, i) => {
    if (p.sloViolationMinuteShare <= share + EPSILON) consider(p.machineSeconds);
    const q = points[i + 1];
    if (!q) return;
    const [lo, hi] = p.sloViolationMinuteShare <= q.sloViolationMinuteShare ? [p, q] : [q, p];
    // The segment crosses `share`: its point at exactly `share` is reachable.
    if (lo.sloViolationMinuteShare < share && share < hi.sloViolationMinuteShare) {
      const f =
        (share - lo.sloViolationMinuteShare) / (hi.sloViolationMinuteShare - lo.sloViolationMinuteShare);
      consider(lo.machineSeconds + f * (hi.machineSeconds - lo.machineSeconds));
    }
  });
  return best;
}

/**
 * A policy's iso-SLO cost against HPA's frontier: its machine-seconds over
 * {@link frontierCostAt} at its own violation share. When no frontier point
 * violates as little as the policy, the denominator is the cheapest of the
 * least-violating points and `beyondFrontier` is true. Undefined for an
 * empty frontier.
 */
export function isoSloCost(
  frontier: readonly FrontierPoint[],
  policy: { readonly machineSeconds: number; readonly sloViolationMinuteShare: number },
): IsoSloCost | undefined {
  if (frontier.length === 0) return undefined;
  const at = frontierCostAt(frontier, policy.sloViolationMinuteShare);
  if (at !== undefined) {
    return { hpaMachineSeconds: at, isoSloCostVsHpa: policy.machineSeconds / at, beyondFrontier: false };
  }
  const least = Math.min(...frontier.map((p) => p.sloViolationMinuteShare));
  const cheapest = Math.min(
    ...frontier.filter((p) => p.sloViolationMinuteShare <= least + EPSILON).map((p) => p.machineSeconds),
  );
  return {
    hpaMachineSeconds: cheapest,
    isoSloCostVsHpa: policy.machineSeconds / cheapest,
    beyondFrontier: true,
  };
}
