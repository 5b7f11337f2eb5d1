import type { Behavior } from '@governor/config';
import type { ScaleEvent, StepReason } from '../types.js';
import { type RateLimit, scaleDownLimit, scaleUpLimit } from './rate-limit.js';

/** The result of {@link applyRateAndBounds}. */
export interface Limited {
  readonly desired: number;
  readonly reason: StepReason;
  readonly message: string;
  readonly numbers: Record<string, number>;
}

function periodText(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${ms / 1000}s`;
}

function policyText(l: RateLimit, sign: '+' | '-'): string {
  const p = l.policy;
  if (p === undefined) return 'scaling in this direction is disabled';
  const amount = p.type === 'machines' ? `${sign}${p.value}` : `${sign}${Math.round(p.value * 100)}%`;
  return `${amount} per ${periodText(p.period)} from ${p.periodStart}`;
}

function limitNumbers(l: RateLimit): Record<string, number> {
  const p = l.policy;
  return p === undefined
    ? { limit: l.limit }
    : { limit: l.limit, value: p.value, period: p.period, periodStart: p.periodStart };
}

/**
 * HPA's `convertDesiredReplicasWithBehaviorRate`: a scale-up is capped by
 * the scale-up rate limit (never below current) and max; a scale-down by the
 * scale-down limit (never above current) and min. The reason names the cap
 * that bound: ScaleUpLimit / TooManyMachines / ScaleDownLimit /
 * TooFewMachines, or DesiredWithinRange.
 */
export function applyRateAndBounds(
  current: number,
  desired: number,
  min: number,
  max: number,
  events: readonly ScaleEvent[],
  behavior: Behavior,
  now: number,
): Limited {
  if (desired > current) {
    const l = scaleUpLimit(current, events, behavior.scaleUp, now);
    const limit = Math.max(l.limit, current);
    if (max > limit) {
      if (desired > limit) {
        const disabled = behavior.scaleUp.select === 'disabled';
        return {
          desired: limit,
          reason: 'ScaleUpLimit',
          message: disabled
            ? 'scale-up is disabled'
            : `scale-up limited to ${policyText(l, '+')} -> ${limit}`,
          numbers: limitNumbers(l),
        };
      }
    } else if (desired > max) {
      return { desired: max, reason: 'TooManyMachines', message: `capped at max ${max}`, numbers: { max } };
    }
  } else if (desired < current) {
    const l = scaleDownLimit(current, events, behavior.scaleDown, now);
    const limit = Math.min(l.limit, current);
    if (min < limit) {
      if (desired < limit) {
        const disabled = behavior.scaleDown.select === 'disabled';
        return {
          desired: limit,
          reason: 'ScaleDownLimit',
          message: disabled
            ? 'scale-down is disabled'
            : `scale-down limited to ${policyText(l, '-')} -> ${limit}`,
          numbers: limitNumbers(l),
        };
      }
    } else if (desired < min) {
      return { desired: min, reason: 'TooFewMachines', message: `raised to min ${min}`, numbers: { min } };
    }
  }
  return { desired, reason: 'DesiredWithinRange', message: 'within range', numbers: { min, max } };
}
