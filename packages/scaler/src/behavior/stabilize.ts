import type { RecordedRecommendation } from '../types.js';

/** The result of {@link stabilize}. */
export interface Stabilized {
  readonly recommendation: number;
  /** Lowest recommendation within the up window (including this one). */
  readonly upLimit: number;
  /** Highest recommendation within the down window (including this one). */
  readonly downLimit: number;
}

/**
 * HPA's `stabilizeRecommendationWithBehaviors`: the scale-up floor is the
 * minimum of the recommendations within the up window, the scale-down
 * ceiling the maximum within the down window (both including `desired`);
 * the current count is brought within [upLimit, downLimit]. A sample counts
 * when it is strictly newer than `now - window`.
 */
export function stabilize(
  recommendations: readonly RecordedRecommendation[],
  desired: number,
  current: number,
  now: number,
  upWindow: number,
  downWindow: number,
): Stabilized {
  let up = desired;
  let down = desired;
  const upCutoff = now - upWindow;
  const downCutoff = now - downWindow;
  for (const r of recommendations) {
    if (r.at > upCutoff && r.desired < up) up = r.desired;
    if (r.at > downCutoff && r.desired > down) down = r.desired;
  }
  let recommendation = current;
  if (recommendation < up) recommendation = up;
  if (recommendation > down) recommendation = down;
  return { recommendation, upLimit: up, downLimit: down };
}

/**
 * How long a scale-down waits, in capacity mode, for a fall of the load to
 * finish reaching the recommendations: the capacity model's demand level is
 * a mean over this span, so a step down of the load arrives as a decline
 * over it, which the scale-down window alone would release one machine per
 * tick.
 */
export const SCALE_DOWN_SETTLE_MS = 30_000;

/**
 * The settling span for a scale-down window: {@link SCALE_DOWN_SETTLE_MS},
 * but never longer than the window itself, so a policy that asks for quick
 * scale-downs (a short window) is not held back more than twice as long.
 */
export function settleSpan(downWindow: number): number {
  return Math.min(SCALE_DOWN_SETTLE_MS, downWindow);
}

/**
 * Whether a scale-down should wait for the decline of the recommendations
 * to leave the window: some recommendation within `settle` before the
 * window's start is higher than the window's own ceiling. Waiting then
 * takes the fleet down in one step to where the decline ends.
 */
export function scaleDownSettling(
  recommendations: readonly RecordedRecommendation[],
  downLimit: number,
  now: number,
  downWindow: number,
  settle: number,
): boolean {
  const cutoff = now - downWindow - settle;
  for (const r of recommendations) if (r.at > cutoff && r.desired > downLimit) return true;
  return false;
}
