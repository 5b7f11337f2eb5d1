import type { ScalingRules } from '@governor/config';
import type { ScaleEvent } from '../types.js';

/**
 * HPA's `getReplicasChangePerPeriod`: machines added (direction `up`) or
 * removed (`down`) by events strictly newer than `now - period`.
 */
export function changeInPeriod(
  events: readonly ScaleEvent[],
  direction: 'up' | 'down',
  period: number,
  now: number,
): number {
  const cutoff = now - period;
  let sum = 0;
  for (const e of events) {
    if (e.at <= cutoff) continue;
    const change = e.to - e.from;
    if (direction === 'up' && change > 0) sum += change;
    if (direction === 'down' && change < 0) sum -= change;
  }
  return sum;
}

/** The numbers behind a rate limit, for the decision's step. */
export interface RateLimit {
  readonly limit: number;
  /** The policy that set the limit (undefined when none or disabled). */
  readonly policy?: { type: 'machines' | 'percent'; value: number; period: number; periodStart: number };
}

/**
 * HPA's scale-up limit (`calculateScaleUpLimitWithScalingRules`): for each
 * policy, periodStart = current - added + removed within its period, and the
 * proposal is periodStart + value (machines) or ceil(periodStart x (1 + percent/100)).
 * `max` (default) takes the largest proposal, `min` the smallest; `disabled`
 * returns the current count. Without any policy, scale-up is unlimited.
 */
export function scaleUpLimit(
  current: number,
  events: readonly ScaleEvent[],
  rules: ScalingRules,
  now: number,
): RateLimit {
  if (rules.select === 'disabled') return { limit: current };
  if (rules.policies.length === 0) return { limit: Number.POSITIVE_INFINITY };
  const pickMin = rules.select === 'min';
  let best: RateLimit | undefined;
  for (const p of rules.policies) {
    const periodStart =
      current - changeInPeriod(events, 'up', p.period, now) + changeInPeriod(events, 'down', p.period, now);
    // Percent as HPA's integer percent, with HPA's float64 arithmetic (results match it bit for bit).
    const proposed =
      p.type === 'machines'
        ? periodStart + p.value
        : Math.ceil(periodStart * (1 + Math.round(p.value * 100) / 100));
    if (best === undefined || (pickMin ? proposed < best.limit : proposed > best.limit)) {
      best = { limit: proposed, policy: { type: p.type, value: p.value, period: p.period, periodStart } };
    }
  }
  return best as RateLimit;
}

/**
 * HPA's scale-down limit (`calculateScaleDownLimitWithBehaviors`):
 * periodStart - value (machines) or int(periodStart x (1 - percent/100)).
 * `max` (default) allows the largest change (the smallest limit), `min` the
 * smallest change; `disabled` returns the current count. Without any policy,
 * scale-down is unlimited.
 */
export function scaleDownLimit(
  current: number,
  events: readonly ScaleEvent[],
  rules: ScalingRules,
  now: number,
): RateLimit {
  if (rules.select === 'disabled') return { limit: current };
  if (rules.policies.length === 0) return { limit: Number.NEGATIVE_INFINITY };
  const pickMax = rules.select === 'min';
  let best: RateLimit | undefined;
  for (const p of rules.policies) {
    const periodStart =
      current - changeInPeriod(events, 'up', p.period, now) + changeInPeriod(events, 'down', p.period, now);
    const proposed =
      p.type === 'machines'
        ? periodStart - p.value
        : Math.trunc(periodStart * (1 - Math.round(p.value * 100) / 100));
    if (best === undefined || (pickMax ? proposed > best.limit : proposed < best.limit)) {
      best = { limit: proposed, policy: { type: p.type, value: p.value, period: p.period, periodStart } };
    }
  }
  return best as RateLimit;
}
