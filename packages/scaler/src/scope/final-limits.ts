import type { Limited } from '../behavior/rate-and-bounds.js';
import type { CooldownHold } from '../rules/cooldown.js';
import type { Floor } from './scope-types.js';
import { note, type StepNote } from './step-log.js';

/** The predictive floor raises the count to it. Undefined when there is none or the count is at or above it. */
export function raiseToFloor(floor: Floor | undefined, desired: number): StepNote | undefined {
  if (floor === undefined || !(floor.machines > desired)) return undefined;
  return note('predictive', 'PredictiveFloor', desired, floor.machines, floor.message, floor.numbers);
}

/** The cooldown stage's step: `cooldownHold`'s hold keeps `current`. Undefined when nothing holds. */
export function cooldownNote(
  hold: CooldownHold | undefined,
  desired: number,
  current: number,
): StepNote | undefined {
  if (hold === undefined) return undefined;
  return note('cooldown', hold.reason, desired, current, hold.message, hold.numbers);
}

/**
 * The rate stage's step, the last of every count that moves: HPA's rate
 * policies and the bounds (`applyRateAndBounds`' result `limited` for
 * `desired`). Its `after` is the scope's final count.
 */
export function rateNote(desired: number, limited: Limited): StepNote {
  return note('rate', limited.reason, desired, limited.desired, limited.message, limited.numbers);
}
