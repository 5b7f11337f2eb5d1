import { applyRateAndBounds } from '../behavior/rate-and-bounds.js';
import { metricProposals } from '../metric-proposals.js';
import { cooldownHold } from '../rules/cooldown.js';
import { evaluateSteps } from '../rules/step-rules.js';
import type { DecisionStep, MetricProposal, ScopeHistory } from '../types.js';
import { burstEntry, burstHold, inBurst } from './burst-stage.js';
import { cooldownNote, raiseToFloor, rateNote } from './final-limits.js';
import { metricDesired } from './metric-desired.js';
import { type ProposalSummary, summarizeProposals } from './proposal-summary.js';
import { scopeRule } from './scope-rules.js';
import type { ScopeInput, ScopeResult } from './scope-types.js';
import { settlingHold, stabilization } from './stabilization-stage.js';
import { StepLog } from './step-log.js';

/**
 * Decides one scope (the app, or one region), recording each stage's step
 * with its reason. First the rules that decide by themselves (`scopeRule`:
 * from zero, outside [min, max], fallback, idle to zero); otherwise the
 * metrics decide (`followMetrics`). Scale events are not recorded here (the
 * caller records them after cross-region adjustments). Pure.
 */
export function decideScope(input: ScopeInput): ScopeResult {
  const { policy, machines, max, now } = input;
  const current = machines.length;
  // No closures here: this runs once per scope per tick for every app (the hot path).
  const log = new StepLog(input.region);
  const proposals =
    current > 0
      ? metricProposals({
          policy,
          machines,
          current,
          region: input.region,
          external: input.external,
          ...(input.capacity !== undefined && { capacity: input.capacity }),
        })
      : [];
  const summary = summarizeProposals(proposals);
  const basis: ScopeBasis = {
    current,
    proposals,
    steps: log.steps,
    usable: summary.usable,
    maxRatio: summary.maxRatio,
  };
  const rule = scopeRule(input, current);
  if (rule === undefined) return followMetrics(input, basis, summary, log);
  let desired = log.apply(rule.note, current);
  if (rule.rateMin !== undefined) {
    const { events } = input.history;
    const limited = applyRateAndBounds(current, desired, rule.rateMin, max, events, policy.behavior, now);
    desired = log.apply(rateNote(desired, limited), desired);
  }
  return scopeResult(basis, desired, rule.fallback === true, input.history);
}

/**
 * The metric path: HPA proposals (plus step rules) -> max across metrics
 * (and the invalid-metric guard) -> burst -> stabilization (and capacity-mode
 * settling) -> no scale-down in burst -> predictive floor -> cooldowns ->
 * rate policies and min/max. Each stage either leaves the count or moves it
 * and says why.
 */
function followMetrics(
  input: ScopeInput,
  basis: ScopeBasis,
  summary: ProposalSummary,
  log: StepLog,
): ScopeResult {
  const { policy, machines, min, max, now } = input;
  const { current, proposals } = basis;
  let history: ScopeHistory = input.history;
  if (policy.steps.length > 0) {
    const rules = evaluateSteps(policy.steps, machines, current, history.stepSince, now, input.region);
    history = { ...history, stepSince: rules.stepSince };
    proposals.push(...rules.proposals);
  }
  const target = metricDesired(proposals, summary.invalid, current, policy.targets.length > 0);
  if (typeof target !== 'number') {
    log.apply(target.keep, current);
    return scopeResult(basis, current, false, history);
  }

  const entry = burstEntry(policy.burst, summary.maxRatio, target, now);
  if (entry !== undefined) {
    history = { ...history, burstUntil: entry.until };
    log.add(entry.note);
  }
  const bursting = inBurst(history.burstUntil, now);
  const b = policy.behavior;
  const downWindow = b.scaleDown.stabilizationWindow;
  const stable = stabilization(history.recommendations, target, current, now, b, bursting);
  history = { ...history, recommendations: [...history.recommendations, { at: now, desired: target }] };
  let desired = log.apply(stable.note, target);
  const capacityMode = input.capacity !== undefined;
  desired = log.apply(
    settlingHold(history.recommendations, stable.downLimit, desired, current, now, downWindow, capacityMode),
    desired,
  );
  desired = log.apply(burstHold(bursting, history.burstUntil, desired, current), desired);
  desired = log.apply(raiseToFloor(input.floor, desired), desired);
  const hold = cooldownHold(policy.cooldown, history, current, desired, now, bursting);
  desired = log.apply(cooldownNote(hold, desired, current), desired);
  // Only the idle rule takes a running scope to zero; metrics and steps stop at 1.
  const floorMin = Math.min(Math.max(min, 1), max);
  const limited = applyRateAndBounds(current, desired, floorMin, max, history.events, b, now);
  desired = log.apply(rateNote(desired, limited), desired);
  return scopeResult(basis, desired, false, history);
}

/** What every result of one scope shares, whichever rule ends the decision. */
interface ScopeBasis {
  readonly current: number;
  readonly proposals: MetricProposal[];
  readonly steps: DecisionStep[];
  readonly usable: boolean;
  readonly maxRatio: number | undefined;
}

function scopeResult(
  basis: ScopeBasis,
  desired: number,
  fallback: boolean,
  history: ScopeHistory,
): ScopeResult {
  const { current, proposals, steps, usable, maxRatio } = basis;
  return { current, desired, proposals, steps, history, usable, maxRatio, fallback };
}
