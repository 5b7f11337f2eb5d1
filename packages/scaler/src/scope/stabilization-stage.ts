import type { Behavior } from '@governor/config';
import { scaleDownSettling, settleSpan, stabilize } from '../behavior/stabilize.js';
import type { RecordedRecommendation } from '../types.js';
import { note, type StepNote } from './step-log.js';

/** The stabilization stage's result: the step when it changed the count, and the window's ceiling. */
export interface Stabilization {
  /** `ScaleUpStabilized` / `ScaleDownStabilized`; its `after` is the stabilized count. None when unchanged. */
  readonly note: StepNote | undefined;
  /** Highest recommendation within the scale-down window (including this tick's). */
  readonly downLimit: number;
}

/**
 * HPA's stabilization windows over the stored recommendations (see
 * `stabilize`). Burst mode scales up fast: the scale-up window does not
 * apply while it lasts.
 */
export function stabilization(
  recommendations: readonly RecordedRecommendation[],
  desired: number,
  current: number,
  now: number,
  behavior: Behavior,
  bursting: boolean,
): Stabilization {
  const upWindow = bursting ? 0 : behavior.scaleUp.stabilizationWindow;
  const downWindow = behavior.scaleDown.stabilizationWindow;
  const s = stabilize(recommendations, desired, current, now, upWindow, downWindow);
  const stabilized = s.recommendation;
  if (stabilized === desired) return { note: undefined, downLimit: s.downLimit };
  const up = desired >= current;
  return {
    note: note(
      'stabilization',
      up ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
      desired,
      stabilized,
      up
        ? `lowest recommendation in the last ${Math.round(upWindow / 1000)}s is ${s.upLimit} -> ${stabilized}`
        : `highest recommendation in the last ${Math.round(downWindow / 1000)}s is ${s.downLimit} -> ${stabilized}`,
      { upLimit: s.upLimit, downLimit: s.downLimit },
    ),
    downLimit: s.downLimit,
  };
}

/**
 * Capacity mode: a scale-down waits while recommendations are still falling
 * out of the scale-down window (see `scaleDownSettling`), then goes down in
 * one step: keep `current`. Undefined when nothing holds (or not in capacity
 * mode).
 */
export function settlingHold(
  recommendations: readonly RecordedRecommendation[],
  downLimit: number,
  desired: number,
  current: number,
  now: number,
  downWindow: number,
  capacityMode: boolean,
): StepNote | undefined {
  if (
    !capacityMode ||
    !(desired < current) ||
    !scaleDownSettling(recommendations, downLimit, now, downWindow, settleSpan(downWindow))
  )
    return undefined;
  return note(
    'stabilization',
    'ScaleDownSettling',
    desired,
    current,
    `recommendations still falling out of the last ${Math.round(downWindow / 1000)}s -> keep ${current}, then one step down`,
    { downLimit },
  );
}
