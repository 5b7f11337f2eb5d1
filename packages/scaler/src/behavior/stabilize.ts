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
