import type { AppConfig } from '@governor/config';
import { type Activity, activity } from './activity.js';
import { type CapacityView, capacityTick, warmPoolSize, withPending } from './capacity/capacity-tick.js';
import { explain } from './explain.js';
import { externalTargets, regionExternal } from './external-proposal.js';
import { roundText } from './numbers.js';
import { predictiveFloors } from './predictive-floors.js';
import { balanceAcrossRegions } from './regions/balance-across-regions.js';
import { type ScheduledBounds, scheduledBounds } from './schedule/active-bounds.js';
import { decideScope } from './scope/decide-scope.js';
import type { Floor, ScopeInput, ScopeResult } from './scope/scope-types.js';
import { emptyScope, nextScope } from './scope-history.js';
import { splitByWeight } from './split-by-weight.js';
import {
  ANY_REGION,
  type Decision,
  type DecisionBounds,
  type DecisionStep,
  type History,
  type MachineObservation,
  type Observations,
  type ScopeHistory,
} from './types.js';
import { validateInputs } from './validate-inputs.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Active schedules when the policy has no schedule (frozen: shared by every call). */
const NO_SCHEDULE: readonly string[] = Object.freeze([]);

interface Scope {
  readonly key: string;
  readonly region?: string;
  readonly machines: readonly MachineObservation[];
  readonly min: number;
  readonly max: number;
  readonly history: ScopeHistory;
}

/** The implicit region's scope of the app history (only the scope fields). */
function scopeOf(h: History): ScopeHistory {
  const out: ScopeHistory = { recommendations: h.recommendations, events: h.events };
  if (h.burstUntil !== undefined) out.burstUntil = h.burstUntil;
  if (h.stepSince !== undefined) out.stepSince = h.stepSince;
  if (h.lastScaleUp !== undefined) out.lastScaleUp = h.lastScaleUp;
  if (h.lastScaleDown !== undefined) out.lastScaleDown = h.lastScaleDown;
  return out;
}

/**
 * Decides how many machines `policy`'s app should run, from this tick's
 * observations and the stored history, at time `now` (ms since epoch). Pure:
 * no I/O, no clock; the same inputs always give the same decision, and the
 * decision carries the next history to store. See docs/decide.md for every
 * rule and the order they apply in.
 */
export function decide(
  policy: AppConfig,
  observations: Observations,
  history: History,
  now: number,
): Decision {
  validateInputs(policy, observations, history, now);
  const { running, currentByRegion } = runningByRegion(observations.machines);
  const appSteps: DecisionStep[] = [];

  const sb: ScheduledBounds =
    policy.schedules.length === 0
      ? { min: policy.min, max: policy.max, active: NO_SCHEDULE }
      : scheduledBounds(policy.min, policy.max, policy.schedules, now);
  if (sb.active.length > 0) {
    appSteps.push({
      stage: 'schedule',
      reason: 'DesiredWithinRange',
      before: 0,
      after: 0,
      message: `schedule ${sb.active.join(', ')} active -> bounds [${sb.min}, ${sb.max}]`,
      numbers: { min: sb.min, max: sb.max },
    });
  }

  const stz = policy.scaleToZero;
  const act: Activity | undefined = stz?.enabled
    ? activity(policy, stz, observations, running, history.lastActiveAt, now)
    : undefined;
  const zeroAllowed = act !== undefined && sb.min === 0;

  const regionKeys = Object.keys(policy.regions);
  const scopes: Scope[] =
    regionKeys.length === 0
      ? [{ key: ANY_REGION, machines: running, min: sb.min, max: sb.max, history: scopeOf(history) }]
      : regionKeys.map((r) => {
          const bounds = policy.regions[r] as { min: number; max: number };
          return {
            key: r,
            region: r,
            machines: running.filter((m) => m.region === r),
            min: Math.min(bounds.min, sb.max),
            max: Math.min(bounds.max, sb.max),
            history: history.regions?.[r] ?? emptyScope(),
          };
        });

  const cap = capacityTick(policy, running, history.capacity, now);
  if (cap?.estimate !== undefined) appSteps.push(capacityStep(cap));

  // Predictive floor, split across regions by weight when per region.
  const learned = cap?.estimate?.calibrated ? cap.estimate.rps : undefined;
  const predicted = predictiveFloors(policy, observations, running, history.forecast, now, learned);
  const floors = predicted?.floors;
  const forecastState: unknown = predicted === undefined ? history.forecast : predicted.state;
  if (predicted?.step !== undefined) appSteps.push(predicted.step);

  const run: ScopeRun = {
    policy,
    now,
    act,
    zeroAllowed,
    floors,
    primary: scopes[0]?.key,
    external: observations.external,
    appRunning: running.length,
    capacity: cap,
  };
  let results = runScopes(run, scopes, undefined);
  const measured = policy.targets.length > 0 && running.length > 0;
  const failures = measured && noneUsable(results) ? history.failures + 1 : 0;
  const fb = policy.fallback;
  let inFallback = false;
  if (fb !== undefined && failures >= fb.afterFailures && failures > 0) {
    inFallback = true;
    const split: Record<string, number> =
      regionKeys.length === 0 ? { [ANY_REGION]: fb.machines } : splitByWeight(fb.machines, policy.regions);
    results = runScopes(run, scopes, split);
  }

  // The app's bounds hold across regions: trim or add where there is room.
  const desiredByRegion: Record<string, number> = {};
  for (let i = 0; i < scopes.length; i++) {
    desiredByRegion[(scopes[i] as Scope).key] = (results[i] as ScopeResult).desired;
  }
  if (regionKeys.length > 0) balanceAcrossRegions(desiredByRegion, scopes, sb.min, sb.max, appSteps);

  let desired = 0;
  for (const sc of scopes) desired += desiredByRegion[sc.key] as number;
  const current = running.length;

  const next: History = { version: 1, recommendations: [], events: [], failures };
  const lastActiveAt = act?.lastActiveAt ?? history.lastActiveAt;
  if (lastActiveAt !== undefined) next.lastActiveAt = lastActiveAt;
  if (forecastState !== undefined) next.forecast = forecastState;
  if (cap !== undefined) {
    let ready = 0;
    for (const m of running) if (m.ready) ready++;
    next.capacity = withPending(cap.state, ready, desired, now);
  } else if (history.capacity !== undefined) next.capacity = history.capacity;
  for (let i = 0; i < scopes.length; i++) {
    const s = scopes[i] as Scope;
    const r = results[i] as ScopeResult;
    const h = nextScope(r.history, r.current, desiredByRegion[s.key] as number, policy, now);
    if (s.region === undefined) assignScope(next, h);
    else next.regions = { ...next.regions, [s.region]: h };
  }

  const bounds: DecisionBounds = { min: sb.min, max: sb.max };
  if (sb.active.length > 0) bounds.schedule = [...sb.active];
  const decision: Decision = {
    version: 1,
    app: policy.name,
    at: now,
    current,
    currentByRegion,
    desired,
    desiredByRegion,
    outcome: inFallback
      ? 'fallback'
      : desired > current
        ? 'scale_up'
        : desired < current
          ? 'scale_down'
          : 'no_change',
    bounds,
    warmPool: warmPoolSize(policy, cap, desired),
    proposals:
      results.length === 1 ? (results[0] as ScopeResult).proposals : results.flatMap((r) => r.proposals),
    steps: orderSteps(appSteps, results),
    explanation: '',
    inputs: { policy, observations, history, now },
    history: next,
  };
  decision.explanation = explain(decision);
  return decision;
}

/** The capacity model's step: what it learned and from how much evidence (never changes the count). */
function capacityStep(cap: CapacityView): DecisionStep {
  const e = cap.estimate as NonNullable<CapacityView['estimate']>;
  const bounds = [
    e.servedWithin === undefined ? undefined : `served ${roundText(e.servedWithin, 1)} within SLO`,
    e.breachedAt === undefined ? undefined : `breached at ${roundText(e.breachedAt, 1)}`,
  ].filter((x) => x !== undefined);
  const status = e.calibrated ? 'calibrated' : `not calibrated: ${e.missing ?? ''}`;
  const numbers: Record<string, number> = { capacity: e.rps, windows: e.windows, startMs: cap.startMs };
  if (e.servedWithin !== undefined) numbers.servedWithin = e.servedWithin;
  if (e.breachedAt !== undefined) numbers.breachedAt = e.breachedAt;
  if (e.ceiling !== undefined) numbers.ceiling = e.ceiling;
  return {
    stage: 'capacity',
    reason: e.calibrated ? 'CapacityCalibrated' : 'CapacityLearning',
    before: 0,
    after: 0,
    message: `capacity ${roundText(e.rps, 1)} rps/machine at SLO ${roundText(cap.sloMs)}ms from ${e.windows} windows (${[...bounds, status].join(', ')})`,
    numbers,
  };
}

/** App-level steps (schedule, predictive) first, then each scope's, then the cross-region ones. */
function orderSteps(appSteps: readonly DecisionStep[], results: readonly ScopeResult[]): DecisionStep[] {
  if (appSteps.length === 0 && results.length === 1) return (results[0] as ScopeResult).steps;
  const out: DecisionStep[] = [];
  for (const s of appSteps) if (s.stage !== 'regions') out.push(s);
  for (const r of results) out.push(...r.steps);
  for (const s of appSteps) if (s.stage === 'regions') out.push(s);
  return out;
}

/** Copies the implicit region's scope fields onto the app history (Object.assign, without the generic copy). */
function assignScope(next: History, h: ScopeHistory): void {
  next.recommendations = h.recommendations;
  next.events = h.events;
  if (h.burstUntil !== undefined) next.burstUntil = h.burstUntil;
  if (h.stepSince !== undefined) next.stepSince = h.stepSince;
  if (h.lastScaleUp !== undefined) next.lastScaleUp = h.lastScaleUp;
  if (h.lastScaleDown !== undefined) next.lastScaleDown = h.lastScaleDown;
}

/** What every scope of one decision is run with. */
interface ScopeRun {
  readonly policy: AppConfig;
  readonly now: number;
  readonly act: Activity | undefined;
  readonly zeroAllowed: boolean;
  readonly floors: Record<string, Floor> | undefined;
  /** The first scope's key: only it wakes the app from zero. */
  readonly primary: string | undefined;
  /** `Observations.external`, and the app's running machines a region's share is taken of. */
  readonly external: Readonly<Record<string, number>> | undefined;
  readonly appRunning: number;
  readonly capacity: CapacityView | undefined;
}

/** Decides every scope, with the fallback count of each when the app is in fallback. */
function runScopes(
  run: ScopeRun,
  scopes: readonly Scope[],
  fallback: Record<string, number> | undefined,
): ScopeResult[] {
  const { policy, now, act, zeroAllowed, floors, primary, capacity } = run;
  const out: ScopeResult[] = [];
  for (const s of scopes) {
    const input: Mutable<ScopeInput> = {
      policy,
      machines: s.machines,
      min: s.min,
      max: s.max,
      history: s.history,
      now,
    };
    if (s.region !== undefined) input.region = s.region;
    if (fallback !== undefined) input.fallback = fallback[s.key] ?? 0;
    if (act !== undefined) {
      const wake = s.key === primary ? act.wake : undefined;
      input.zero =
        wake === undefined
          ? { idle: act.idle, allowed: zeroAllowed }
          : { idle: act.idle, allowed: zeroAllowed, wake };
    }
    const floor = floors?.[s.key];
    if (floor !== undefined) input.floor = floor;
    const external =
      s.region === undefined
        ? run.external
        : regionExternal(externalTargets(policy), run.external, s.machines.length, run.appRunning);
    if (external !== undefined) input.external = external;
    if (capacity !== undefined) input.capacity = capacity;
    out.push(decideScope(input));
  }
  return out;
}

function noneUsable(results: readonly ScopeResult[]): boolean {
  for (const r of results) if (r.usable) return false;
  return true;
}

/**
 * The running machines (the same array when all run, the common case: no
 * copy) and how many run per region, in order of first appearance, in one
 * pass. Fleets span a few regions, so a linear scan of the regions seen so
 * far beats a Map or variable keys on a plain object (this runs for every
 * machine of every app).
 */
function runningByRegion(machines: readonly MachineObservation[]): {
  running: readonly MachineObservation[];
  currentByRegion: Record<string, number>;
} {
  const regions: string[] = [];
  const counts: number[] = [];
  let all = true;
  for (let i = 0; i < machines.length; i++) {
    const m = machines[i] as MachineObservation;
    if (!m.running) {
      all = false;
      continue;
    }
    let j = 0;
    while (j < regions.length && regions[j] !== m.region) j++;
    if (j === regions.length) {
      regions.push(m.region);
      counts.push(1);
    } else counts[j] = (counts[j] as number) + 1;
  }
  const currentByRegion: Record<string, number> = {};
  for (let j = 0; j < regions.length; j++) currentByRegion[regions[j] as string] = counts[j] as number;
  return { running: all ? machines : machines.filter((m) => m.running), currentByRegion };
}
