import type { AppConfig } from '@governor/config';
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
 * Drops what no rule can look at any more: recommendations older than the
 * longest stabilization window, events older than the longest rate-policy
 * period or cooldown, an expired burst, step timers when no step rule is left. Keeps the history bounded.
 */
export function pruneScope(h: ScopeHistory, policy: AppConfig, now: number): ScopeHistory {
  const b = policy.behavior;
  const window = Math.max(b.scaleUp.stabilizationWindow, b.scaleDown.stabilizationWindow);
  let period = Math.max(policy.cooldown.up, policy.cooldown.down);
  for (const p of b.scaleUp.policies) period = Math.max(period, p.period);
  for (const p of b.scaleDown.policies) period = Math.max(period, p.period);
  const out: ScopeHistory = {
    recommendations: newerThan(h.recommendations, now - window),
    events: newerThan(h.events, now - period),
  };
  if (h.burstUntil !== undefined && h.burstUntil > now) out.burstUntil = h.burstUntil;
  if (policy.steps.length > 0 && h.stepSince !== undefined && Object.keys(h.stepSince).length > 0) {
    out.stepSince = h.stepSince;
  }
  if (h.lastScaleUp !== undefined) out.lastScaleUp = h.lastScaleUp;
  if (h.lastScaleDown !== undefined) out.lastScaleDown = h.lastScaleDown;
  return out;
}

/** Records a scale event from `from` to `to` at `now` (no-op when equal). */
export function recordEvent(h: ScopeHistory, from: number, to: number, now: number): ScopeHistory {
  if (from === to) return h;
  const out: ScopeHistory = { ...h, events: [...h.events, { at: now, from, to }] };
  if (to > from) out.lastScaleUp = now;
  else out.lastScaleDown = now;
  return out;
}
