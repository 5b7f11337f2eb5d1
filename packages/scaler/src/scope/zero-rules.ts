import type { ScopeRule } from './scope-rule.js';
import type { ZeroInput } from './scope-types.js';
import { note } from './step-log.js';

/**
 * A scope at zero: wake to `zero.wake` (at most `max`) when requests exceed
 * the activation threshold, else stay at 0. Undefined when scale to zero
 * does not apply (the scope is not at zero, or its bounds keep it above).
 * HPA would not scale from zero (autoscaling disabled); here zero is a real
 * state.
 */
export function fromZero(
  current: number,
  zero: ZeroInput | undefined,
  min: number,
  max: number,
): ScopeRule | undefined {
  if (current !== 0 || !zero?.allowed || min !== 0) return undefined;
  if (zero.wake !== undefined && zero.wake > 0) {
    const to = Math.min(max, zero.wake);
    return {
      note: note(
        'zero',
        'ActivateFromZero',
        0,
        to,
        `requests above the activation threshold -> wake to ${to}`,
      ),
    };
  }
  return {
    note: note('zero', 'StayAtZero', 0, 0, 'no requests above the activation threshold -> stay at 0'),
  };
}

/**
 * A running scope with no request for `idleAfter` ms goes to zero, within
 * the scale-down rate policies. Undefined when it is not idle or zero is not
 * allowed.
 */
export function idleToZero(
  current: number,
  zero: ZeroInput | undefined,
  min: number,
  idleAfter: number,
): ScopeRule | undefined {
  if (!(zero?.idle && zero.allowed && min === 0)) return undefined;
  return {
    note: note(
      'zero',
      'ScaleToZero',
      current,
      0,
      `no requests for ${Math.round(idleAfter / 1000)}s -> scale to zero`,
    ),
    rateMin: 0,
  };
}
