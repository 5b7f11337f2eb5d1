import type { AppConfig } from '@governor/config';
import { settleSpan } from './behavior/stabilize.js';
import { capacityTarget } from './capacity/capacity-tick.js';
import type { ScopeHistory } from './types.js';

/** A copy of the entries strictly newer than `cutoff` (a loop: this runs for every app every tick). */
function newerThan<T extends { readonly at: number }>(entries: readonly T[], cutoff: number): T[] {
  const out: T[] = [];
  for (const e of entries) if (e.at > cutoff) out.push(e);
  return out;
}

/** An empty per-scope history. */
export function emptyScope(): ScopeHistory {
  return { recommendations: [], events: [] };
}

/**
 * The scope history to store after this tick: records the scale event from
 * `from` to `to` at `now` (none when equal) and the time of the last
 * scale-up/scale-down, then drops what no rule can look at any more:
 * recommendations older than the longest stabilization window, events older
 * than the longest rate-policy period or cooldown, an expired burst, step
 * timers when no step rule is left. Keeps the history bounded. Built in one
 * go (no intermediate history): this runs for every scope of every app.
 */
export function nextScope(
  h: ScopeHistory,
  from: number,
  to: number,
  policy: AppConfig,
  now: number,
): ScopeHistory {
  const { window, period } = horizons(policy);
  const eventCutoff = now - period;
  const events = newerThan(h.events, eventCutoff);
  let lastScaleUp = h.lastScaleUp;
  let lastScaleDown = h.lastScaleDown;
  if (from !== to) {
    // The new event is pruned like the others (a zero period keeps none).
    if (now > eventCutoff) events.push({ at: now, from, to });
    if (to > from) lastScaleUp = now;
    else lastScaleDown = now;
  }
  const out: ScopeHistory = { recommendations: newerThan(h.recommendations, now - window), events };
  if (h.burstUntil !== undefined && h.burstUntil > now) out.burstUntil = h.burstUntil;
  if (policy.steps.length > 0 && h.stepSince !== undefined && Object.keys(h.stepSince).length > 0) {
    out.stepSince = h.stepSince;
  }
  if (lastScaleUp !== undefined) out.lastScaleUp = lastScaleUp;
  if (lastScaleDown !== undefined) out.lastScaleDown = lastScaleDown;
  return out;
}

/** How far back recommendations (`window`) and scale events (`period`) can matter. */
function horizons(policy: AppConfig): { window: number; period: number } {
  const b = policy.behavior;
  // Capacity mode looks back a settling span further before a scale-down.
  const settle = capacityTarget(policy) === undefined ? 0 : settleSpan(b.scaleDown.stabilizationWindow);
  const window = Math.max(b.scaleUp.stabilizationWindow, b.scaleDown.stabilizationWindow + settle);
  let period = Math.max(policy.cooldown.up, policy.cooldown.down);
  for (const p of b.scaleUp.policies) period = Math.max(period, p.period);
  for (const p of b.scaleDown.policies) period = Math.max(period, p.period);
  return { window, period };
}
