import type { Behavior, Cooldown } from '@governor/config';
import { applyRateAndBounds } from '../behavior/rate-and-bounds.js';
import { cooldownHold } from '../rules/cooldown.js';
import type { ScaleEvent, ScopeHistory } from '../types.js';
import type { Floor } from './scope-types.js';
import { note, type StepNote } from './step-log.js';

/** The predictive floor raises the count to it. Undefined when there is none or the count is at or above it. */
export function raiseToFloor(floor: Floor | undefined, desired: number): StepNote | undefined {
  if (floor === undefined || !(floor.machines > desired)) return undefined;
  return note('predictive', 'PredictiveFloor', desired, floor.machines, floor.message, floor.numbers);
}

/** A cooldown holds the count at `current` (see `cooldownHold`). Undefined when nothing holds. */
export function cooldownStep(
  cooldown: Cooldown,
  history: ScopeHistory,
  current: number,
  desired: number,
  now: number,
  bursting: boolean,
): StepNote | undefined {
  const hold = cooldownHold(cooldown, history, current, desired, now, bursting);
  if (hold === undefined) return undefined;
  return note('cooldown', hold.reason, desired, current, hold.message, hold.numbers);
}

/**
 * The last stage of every count that moves: HPA's rate policies and the
 * bounds [min, max] (see `applyRateAndBounds`). Always a step; its `after`
 * is the scope's final count.
 */
export function rateStep(
  current: number,
  desired: number,
  min: number,
  max: number,
  events: readonly ScaleEvent[],
  behavior: Behavior,
  now: number,
): StepNote {
  const l = applyRateAndBounds(current, desired, min, max, events, behavior, now);
  return note('rate', l.reason, desired, l.desired, l.message, l.numbers);
}
