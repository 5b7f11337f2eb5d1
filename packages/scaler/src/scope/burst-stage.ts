import type { Burst } from '@governor/config';
import { roundText } from '../numbers.js';
import { note, type StepNote } from './step-log.js';

/** Burst mode entered at this tick: until when, and the step that says so. */
export interface BurstEntry {
  readonly until: number;
  readonly note: StepNote;
}

/**
 * Enters burst mode for `burst.window` ms when the largest target ratio is
 * above `burst.threshold` (the count is unchanged: burst changes how the
 * next stages treat it). Undefined when the policy has no burst or the load
 * is below the threshold.
 */
export function burstEntry(
  burst: Burst | undefined,
  maxRatio: number | undefined,
  desired: number,
  now: number,
): BurstEntry | undefined {
  if (burst === undefined || maxRatio === undefined || !(maxRatio > burst.threshold)) return undefined;
  const until = now + burst.window;
  return {
    until,
    note: note(
      'burst',
      'BurstEntered',
      desired,
      desired,
      `load ${roundText(maxRatio)}x target > burst threshold ${burst.threshold}x -> burst for ${Math.round(burst.window / 1000)}s`,
      { ratio: maxRatio, threshold: burst.threshold, until },
    ),
  };
}

/** Whether burst mode lasts at `now` (entered until `burstUntil`). */
export function inBurst(burstUntil: number | undefined, now: number): boolean {
  return burstUntil !== undefined && burstUntil > now;
}

/** In burst mode (until `burstUntil`) no scale-down: keep `current`. Undefined when nothing holds. */
export function burstHold(
  bursting: boolean,
  burstUntil: number | undefined,
  desired: number,
  current: number,
): StepNote | undefined {
  if (!bursting || !(desired < current)) return undefined;
  return note(
    'burst',
    'BurstNoScaleDown',
    desired,
    current,
    `burst mode until ${new Date(burstUntil as number).toISOString()} -> no scale-down`,
  );
}
