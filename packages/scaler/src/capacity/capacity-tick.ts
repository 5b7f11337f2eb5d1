import type { AppConfig, CapacityConfig, LatencyTarget } from '@governor/config';
import { QUANTILES } from '../metric-proposals.js';
import { machinesFor } from '../numbers.js';
import type { MachineObservation } from '../types.js';
import { type CapacityEstimate, estimateCapacity } from './capacity-estimate.js';
import { type CapacityState, MAX_BURSTS, restoreCapacity } from './capacity-state.js';
import { type DemandOutlook, demandOutlook } from './demand-outlook.js';
import { observeWindow, readWindow, type WindowReading } from './observe-window.js';

/** Assumed start time (ms) until one was measured: a boot. */
export const ASSUMED_START_MS = 30_000;
/** Boot time (ms) the warm pool is sized for: the rise within it must start warm. */
export const BOOT_MS = 30_000;

/** The capacity model's view of the app at this tick, for the targets and the warm pool. */
export interface CapacityView {
  readonly config: CapacityConfig;
  readonly target: LatencyTarget;
  readonly sloMs: number;
  /** The policy's scale-down tolerance (`behavior.scaleDown.tolerance`). */
  readonly downTolerance: number;
  readonly estimate?: CapacityEstimate;
  readonly outlook?: DemandOutlook;
  readonly reading?: WindowReading;
  readonly startMs: number;
  readonly startMeasured: boolean;
  /** Recurring bursts hold this many machines (scale-down memory), with how many bursts. */
  readonly hold?: { readonly machines: number; readonly bursts: number };
  /** The state to store (the decision adds the pending scale-up). */
  readonly state: CapacityState;
}

/** The first latency target in capacity mode, which the model learns against. */
export function capacityTarget(policy: AppConfig): LatencyTarget | undefined {
  for (const t of policy.targets) if (t.type === 'latency' && t.scaling === 'capacity') return t;
  return undefined;
}

/**
 * Feeds this tick's window to the app's capacity model and looks ahead:
 * the learned capacity, the demand outlook over the next start time, the
 * measured start time and the recurring-burst hold. Undefined when no
 * latency target is in capacity mode.
 */
export function capacityTick(
  policy: AppConfig,
  running: readonly MachineObservation[],
  stored: unknown,
  now: number,
): CapacityView | undefined {
  const target = capacityTarget(policy);
  if (target === undefined) return undefined;
  const config = policy.capacity;
  const reading = readWindow(running, QUANTILES[target.quantile]);
  let state = observeWindow(restoreCapacity(stored), reading, target.slo, now);
  if (state.pending !== undefined) {
    const p = state.pending;
    if (reading !== undefined && reading.ready >= p.to) {
      const sample = now - p.at;
      const startMs = state.startMs === undefined ? sample : state.startMs + 0.3 * (sample - state.startMs);
      const { pending: _p, ...rest } = state;
      state = { ...rest, startMs };
    } else if (now - p.at > 10 * 60_000) {
      const { pending: _p, ...rest } = state;
      state = rest;
    }
  }
  const startMeasured = state.startMs !== undefined;
  const startMs = state.startMs ?? ASSUMED_START_MS;
  const estimate = estimateCapacity(state.bins, state.windows, target.slo, config.minWindows);
  const outlook = demandOutlook(state.demand, startMs, BOOT_MS, config.fastStarts, config.confidence);
  const pool = poolWanted(config, estimate, outlook, state.pool);
  if (pool !== undefined) state = { ...state, pool };
  let hold: CapacityView['hold'];
  if (estimate?.calibrated && outlook !== undefined && config.scaleDownMemory > 0) {
    // A burst: the demand outgrew what the last tick planned for (its expected demand plus
    // headroom) and calls for at least 2 (and 30%) more machines.
    const spare = config.confidence * outlook.noise;
    const need = machinesFor((outlook.expected + spare) / estimate.rps);
    const last = state.lastNeed;
    let bursts = state.bursts.filter((b) => b.at > now - config.scaleDownMemory);
    const recent = bursts[bursts.length - 1];
    if (recent !== undefined && now - recent.at <= 60_000 && need > recent.need) {
      bursts = [...bursts.slice(0, -1), { at: recent.at, need }];
    } else if (
      last !== undefined &&
      outlook.now > last * estimate.rps &&
      need >= Math.max(last + 2, Math.ceil(last * 1.3))
    ) {
      bursts = [...bursts, { at: now, need }].slice(-MAX_BURSTS);
    }
    state = { ...state, bursts, lastNeed: need };
    if (bursts.length >= 2) {
      let machines = 0;
      for (const b of bursts) machines = Math.max(machines, b.need);
      hold = { machines, bursts: bursts.length };
    }
  }
  return {
    config,
    target,
    sloMs: target.slo,
    downTolerance: policy.behavior.scaleDown.tolerance,
    startMs,
    startMeasured,
    state,
    ...(estimate !== undefined && { estimate }),
    ...(outlook !== undefined && { outlook }),
    ...(reading !== undefined && { reading }),
    ...(hold !== undefined && { hold }),
  };
}

/** The state to store once the decision is known: a scale-up starts a start-time measurement. */
export function withPending(
  state: CapacityState,
  ready: number,
  desired: number,
  now: number,
): CapacityState {
  if (desired > ready && state.pending === undefined) return { ...state, pending: { at: now, to: desired } };
  if (state.pending !== undefined && desired < state.pending.to) {
    if (desired <= ready) {
      const { pending: _p, ...rest } = state;
      return rest;
    }
    return { ...state, pending: { at: state.pending.at, to: desired } };
  }
  return state;
}

/**
 * Machines to keep stopped and ready to start: at least the policy's
 * `warmPool`; with fast starts, enough for the largest rise seen within a
 * boot time plus one (remembered: the pool never shrinks for a calmer
 * spell, so machines are not created and destroyed as the load's jumps
 * come and go), within what max leaves room for.
 */
export function warmPoolSize(policy: AppConfig, view: CapacityView | undefined, desired: number): number {
  const base = policy.warmPool;
  const want = view?.config.fastStarts ? view.state.pool : undefined;
  if (want === undefined) return base;
  return Math.max(base, Math.min(want, Math.max(0, policy.max - desired)));
}

/** The warm pool the load's jumps call for, never below the last one (undefined without fast starts). */
function poolWanted(
  config: CapacityConfig,
  estimate: CapacityEstimate | undefined,
  outlook: DemandOutlook | undefined,
  previous: number | undefined,
): number | undefined {
  if (!config.fastStarts) return undefined;
  // Before the model knows a machine's rate, one warm machine catches the first jump.
  if (estimate === undefined || outlook === undefined || !(estimate.rps > 0))
    return Math.max(previous ?? 0, 1);
  return Math.max(previous ?? 0, machinesFor(outlook.jump / estimate.rps) + 1);
}
