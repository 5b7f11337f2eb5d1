import type { ScopeRule } from './scope-rule.js';
import type { ScopeInput } from './scope-types.js';
import { note } from './step-log.js';
import { fromZero, idleToZero } from './zero-rules.js';

/**
 * HPA: outside [min, max] the count goes straight to the bound (no rate
 * policy). Undefined within the bounds.
 */
export function outOfBounds(current: number, min: number, max: number): ScopeRule | undefined {
  if (current > max) {
    return {
      note: note(
        'bounds',
        'TooManyMachines',
        current,
        max,
        `${current} running is above max ${max} -> ${max}`,
        {
          max,
        },
      ),
    };
  }
  if (current < min) {
    return {
      note: note(
        'bounds',
        'TooFewMachines',
        current,
        min,
        `${current} running is below min ${min} -> ${min}`,
        {
          min,
        },
      ),
    };
  }
  return undefined;
}

/**
 * The app is in fallback (no usable metrics for `afterFailures` ticks): the
 * scope runs `machines`, within the rate policies and [min, max].
 */
export function fallbackRule(
  current: number,
  machines: number,
  afterFailures: number,
  min: number,
): ScopeRule {
  return {
    note: note(
      'fallback',
      'Fallback',
      current,
      machines,
      `no usable metrics for ${afterFailures} ticks -> fallback ${machines}`,
    ),
    rateMin: min,
    fallback: true,
  };
}

/**
 * The first rule that decides the scope by itself, in order: from zero,
 * outside the bounds, fallback, idle to zero. Undefined when the metrics
 * decide.
 */
export function scopeRule(input: ScopeInput, current: number): ScopeRule | undefined {
  const { policy, min, max } = input;
  const rule = fromZero(current, input.zero, min, max) ?? outOfBounds(current, min, max);
  if (rule !== undefined) return rule;
  if (input.fallback !== undefined) {
    return fallbackRule(current, input.fallback, policy.fallback?.afterFailures ?? 0, min);
  }
  return idleToZero(current, input.zero, min, policy.scaleToZero?.idleAfter ?? 0);
}
