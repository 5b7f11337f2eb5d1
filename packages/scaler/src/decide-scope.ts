import type { AppConfig } from '@governor/config';
import { applyRateAndBounds } from './behavior/rate-and-bounds.js';
import { scaleDownSettling, settleSpan, stabilize } from './behavior/stabilize.js';
import type { CapacityView } from './capacity/capacity-tick.js';
import { metricProposals } from './metric-proposals.js';
import { roundText } from './numbers.js';
import { cooldownHold } from './rules/cooldown.js';
import { evaluateSteps } from './rules/step-rules.js';
import type { DecisionStep, MachineObservation, MetricProposal, ScopeHistory, StepReason } from './types.js';

/** A floor raised by another rule (predictive scaling), with its explanation. */
export interface Floor {
  readonly machines: number;
  readonly message: string;
  readonly numbers: Record<string, number>;
}

/** Everything one scope (the app, or one region) is decided from. */
export interface ScopeInput {
  readonly policy: AppConfig;
  /** Running machines of the scope. */
  readonly machines: readonly MachineObservation[];
  readonly min: number;
  readonly max: number;
  readonly history: ScopeHistory;
  readonly now: number;
  readonly region?: string;
  /** Machines to run because the app is in fallback (no usable metrics for N ticks). */
  readonly fallback?: number;
  /** Scale to zero: machines to wake to from zero, or `idle` to go to zero. */
  readonly zero?: { readonly wake?: number; readonly idle: boolean; readonly allowed: boolean };
  readonly floor?: Floor;
  /** Fleet values of `query` and `queue` targets for this scope. */
  readonly external?: Readonly<Record<string, number>>;
  /** The app's capacity model at this tick. */
  readonly capacity?: CapacityView;
}

/** What one scope concluded. */
export interface ScopeResult {
  readonly current: number;
  readonly desired: number;
  readonly proposals: MetricProposal[];
  readonly steps: DecisionStep[];
  readonly history: ScopeHistory;
  /** Whether any target produced a proposal (false counts toward the fallback). */
  readonly usable: boolean;
  /** Largest target ratio (burst and predictive capacity use it). */
  readonly maxRatio?: number;
  readonly fallback: boolean;
}

/**
 * Decides one scope: HPA proposals (plus step rules) -> max -> invalid-metric
 * guard -> burst -> stabilization -> predictive floor -> cooldowns -> rate
 * policies and min/max, recording each step with its reason. Scale events
 * are not recorded here (the caller records them after cross-region
 * adjustments).
 */
export function decideScope(input: ScopeInput): ScopeResult {
  const { policy, machines, min, max, now, region } = input;
  const current = machines.length;
  // No closures here: this runs once per scope per tick for every app (the hot path).
  const log = new StepLog(region);
  const steps = log.steps;
  let history: ScopeHistory = input.history;
  const proposals =
    current > 0
      ? metricProposals({
          policy,
          machines,
          current,
          region,
          external: input.external,
          ...(input.capacity !== undefined && { capacity: input.capacity }),
        })
      : [];
  let invalid = 0;
  let maxRatio: number | undefined;
  for (const p of proposals) {
    if (p.status !== 'ok') invalid++;
    else if (p.rawRatio !== undefined && (maxRatio === undefined || p.rawRatio > maxRatio))
      maxRatio = p.rawRatio;
  }
  const usable = proposals.length > invalid;
  const basis: ScopeBasis = { current, proposals, steps, usable, maxRatio };

  // From zero: HPA would not scale (autoscaling disabled); here zero is a real state.
  if (current === 0) {
    const z = input.zero;
    if (z?.allowed && min === 0) {
      if (z.wake !== undefined && z.wake > 0) {
        const to = Math.min(max, z.wake);
        log.add(
          'zero',
          'ActivateFromZero',
          0,
          to,
          `requests above the activation threshold -> wake to ${to}`,
        );
        return scopeResult(basis, to, false, history);
      }
      log.add('zero', 'StayAtZero', 0, 0, 'no requests above the activation threshold -> stay at 0');
      return scopeResult(basis, 0, false, history);
    }
  }
  // HPA: outside [min, max] the count goes straight to the bound.
  if (current > max) {
    log.add('bounds', 'TooManyMachines', current, max, `${current} running is above max ${max} -> ${max}`, {
      max,
    });
    return scopeResult(basis, max, false, history);
  }
  if (current < min) {
    log.add('bounds', 'TooFewMachines', current, min, `${current} running is below min ${min} -> ${min}`, {
      min,
    });
    return scopeResult(basis, min, false, history);
  }

  const events = history.events;
  if (input.fallback !== undefined) {
    const f = input.fallback;
    log.add(
      'fallback',
      'Fallback',
      current,
      f,
      `no usable metrics for ${policy.fallback?.afterFailures ?? 0} ticks -> fallback ${f}`,
    );
    const l = applyRateAndBounds(current, f, min, max, events, policy.behavior, now);
    log.add('rate', l.reason, f, l.desired, l.message, l.numbers);
    return scopeResult(basis, l.desired, true, history);
  }

  if (input.zero?.idle && input.zero.allowed && min === 0) {
    const idleAfter = policy.scaleToZero?.idleAfter ?? 0;
    log.add(
      'zero',
      'ScaleToZero',
      current,
      0,
      `no requests for ${Math.round(idleAfter / 1000)}s -> scale to zero`,
    );
    const l = applyRateAndBounds(current, 0, 0, max, events, policy.behavior, now);
    log.add('rate', l.reason, 0, l.desired, l.message, l.numbers);
    return scopeResult(basis, l.desired, false, history);
  }

  // Only the idle rule takes a running scope to zero; metrics and steps stop at 1.
  const floorMin = Math.max(min, 1);
  if (policy.steps.length > 0) {
    const stepEval = evaluateSteps(policy.steps, machines, current, history.stepSince, now, region);
    history = { ...history, stepSince: stepEval.stepSince };
    proposals.push(...stepEval.proposals);
  }
  let metricDesired: number | undefined;
  for (const p of proposals) {
    if (p.proposed !== undefined && (metricDesired === undefined || p.proposed > metricDesired))
      metricDesired = p.proposed;
  }
  if (metricDesired === undefined) {
    if (policy.targets.length > 0)
      log.add('metrics', 'NoUsableMetrics', current, current, 'no usable metric -> keep current');
    return scopeResult(basis, current, false, history);
  }
  // HPA: no scale-down while any metric is invalid.
  if (invalid > 0 && metricDesired < current) {
    log.add(
      'metrics',
      'InvalidMetricNoScaleDown',
      metricDesired,
      current,
      `${invalidNames(proposals)} invalid -> no scale-down, keep ${current}`,
    );
    return scopeResult(basis, current, false, history);
  }

  const burst = policy.burst;
  if (burst !== undefined && maxRatio !== undefined && maxRatio > burst.threshold) {
    history = { ...history, burstUntil: now + burst.window };
    log.add(
      'burst',
      'BurstEntered',
      metricDesired,
      metricDesired,
      `load ${roundText(maxRatio)}x target > burst threshold ${burst.threshold}x -> burst for ${Math.round(burst.window / 1000)}s`,
      { ratio: maxRatio, threshold: burst.threshold, until: now + burst.window },
    );
  }
  const inBurst = history.burstUntil !== undefined && history.burstUntil > now;

  const b = policy.behavior;
  // Burst scales up fast: the scale-up stabilization window does not apply while it lasts.
  const upWindow = inBurst ? 0 : b.scaleUp.stabilizationWindow;
  const s = stabilize(
    history.recommendations,
    metricDesired,
    current,
    now,
    upWindow,
    b.scaleDown.stabilizationWindow,
  );
  history = {
    ...history,
    recommendations: [...history.recommendations, { at: now, desired: metricDesired }],
  };
  let desired = s.recommendation;
  if (desired !== metricDesired) {
    const up = metricDesired >= current;
    log.add(
      'stabilization',
      up ? 'ScaleUpStabilized' : 'ScaleDownStabilized',
      metricDesired,
      desired,
      up
        ? `lowest recommendation in the last ${Math.round(upWindow / 1000)}s is ${s.upLimit} -> ${desired}`
        : `highest recommendation in the last ${Math.round(b.scaleDown.stabilizationWindow / 1000)}s is ${s.downLimit} -> ${desired}`,
      { upLimit: s.upLimit, downLimit: s.downLimit },
    );
  }
  if (
    input.capacity !== undefined &&
    desired < current &&
    scaleDownSettling(
      history.recommendations,
      s.downLimit,
      now,
      b.scaleDown.stabilizationWindow,
      settleSpan(b.scaleDown.stabilizationWindow),
    )
  ) {
    log.add(
      'stabilization',
      'ScaleDownSettling',
      desired,
      current,
      `recommendations still falling out of the last ${Math.round(b.scaleDown.stabilizationWindow / 1000)}s -> keep ${current}, then one step down`,
      { downLimit: s.downLimit },
    );
    desired = current;
  }
  if (inBurst && desired < current) {
    log.add(
      'burst',
      'BurstNoScaleDown',
      desired,
      current,
      `burst mode until ${new Date(history.burstUntil as number).toISOString()} -> no scale-down`,
    );
    desired = current;
  }
  const floor = input.floor;
  if (floor !== undefined && floor.machines > desired) {
    log.add('predictive', 'PredictiveFloor', desired, floor.machines, floor.message, floor.numbers);
    desired = floor.machines;
  }
  const hold = cooldownHold(policy.cooldown, history, current, desired, now, inBurst);
  if (hold !== undefined) {
    log.add('cooldown', hold.reason, desired, current, hold.message, hold.numbers);
    desired = current;
  }
  const l = applyRateAndBounds(current, desired, Math.min(floorMin, max), max, events, b, now);
  log.add('rate', l.reason, desired, l.desired, l.message, l.numbers);
  return scopeResult(basis, l.desired, false, history);
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

/** The steps of one scope, each tagged with the scope's region when there is one. */
class StepLog {
  readonly steps: DecisionStep[] = [];

  constructor(private readonly region: string | undefined) {}

  add(
    stage: string,
    reason: StepReason,
    before: number,
    after: number,
    message: string,
    numbers?: Record<string, number>,
  ): void {
    const s: DecisionStep = { stage, reason, before, after, message };
    if (this.region !== undefined) s.region = this.region;
    if (numbers !== undefined) s.numbers = numbers;
    this.steps.push(s);
  }
}

function invalidNames(proposals: readonly MetricProposal[]): string {
  const names: string[] = [];
  for (const p of proposals) if (p.status !== 'ok') names.push(p.metric);
  return names.join(', ');
}
