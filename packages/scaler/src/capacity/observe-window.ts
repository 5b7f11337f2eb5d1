import { latencySamples } from '../fleet-latency.js';
import type { MachineObservation } from '../types.js';
import {
  BIN_MEMORY,
  BIN_RATIO,
  binOf,
  type CapacityState,
  DEMAND_KEEP_MS,
  MAX_BINS,
  type RateBin,
} from './capacity-state.js';

/** What one collector window says about the app's machines. */
export interface WindowReading {
  /** Mean requests/s per reporting machine. */
  readonly perMachine: number;
  /**
   * The app's requests/s: the sum over the reporting machines. A machine
   * that became ready during the window reports from its first whole window,
   * so right after a scale-up this reads a little low for one window, never
   * high (per-machine rate x ready machines would count the new machine's
   * share twice).
   */
  readonly demand: number;
  /** The SLO quantile (ms) over the reporting machines; Infinity when errors exceed 1 - quantile. */
  readonly quantileMs?: number;
  readonly cpu?: number;
  readonly ready: number;
}

/** Reads this tick's window from the running machines (undefined when no machine reports rps). */
export function readWindow(
  machines: readonly MachineObservation[],
  quantile: number,
): WindowReading | undefined {
  let rps = 0;
  let reporting = 0;
  let cpu = 0;
  let cpuN = 0;
  let errors = 0;
  let ready = 0;
  for (const m of machines) {
    if (m.ready) ready++;
    const r = m.metrics?.rps;
    if (!m.ready || r === undefined || !Number.isFinite(r)) continue;
    rps += r;
    reporting++;
    errors += (m.metrics?.errorRatio ?? 0) * r;
    const c = m.metrics?.cpu;
    if (c !== undefined && Number.isFinite(c)) {
      cpu += c;
      cpuN++;
    }
  }
  if (reporting === 0) return undefined;
  const perMachine = rps / reporting;
  const q = latencySamples(machines, quantile).quantile;
  const failed = rps > 0 && errors / rps > 1 - quantile;
  const quantileMs = failed ? Number.POSITIVE_INFINITY : q?.ms;
  return {
    perMachine,
    demand: rps,
    ready,
    ...(quantileMs !== undefined && { quantileMs }),
    ...(cpuN > 0 && { cpu: cpu / cpuN }),
  };
}

/**
 * The state after one window: the reading goes into its rate bin (latency
 * capped at 20x the SLO so one overload does not swamp the band's average),
 * the demand sample is appended, old samples and surplus bins are dropped.
 */
export function observeWindow(
  state: CapacityState,
  reading: WindowReading | undefined,
  sloMs: number,
  now: number,
): CapacityState {
  const demand = state.demand.filter((d) => d.at > now - DEMAND_KEEP_MS);
  if (reading === undefined) return { ...state, demand };
  demand.push({ at: now, rps: reading.demand });
  if (reading.quantileMs === undefined || !(reading.perMachine > 0)) return { ...state, demand };
  const last = { rate: reading.perMachine, breached: reading.quantileMs > sloMs };
  // A backlog draining: the window before breached and each machine now
  // serves less (the load fell or machines joined). Its latency is the
  // earlier overload's queue, not this rate's, and would read as a breach
  // at a rate the machines serve well; it is no evidence either way.
  const prev = state.last;
  if (prev?.breached === true && reading.perMachine < prev.rate / BIN_RATIO)
    return { ...state, demand, last };
  const y = Math.min(reading.quantileMs, 20 * sloMs);
  const k = binOf(reading.perMachine);
  const bins: RateBin[] = [];
  let found = false;
  for (const b of state.bins) {
    if (b.k !== k) {
      bins.push(b);
      continue;
    }
    found = true;
    const n = Math.min(b.n + 1, 1000);
    const w = 1 / Math.min(n, BIN_MEMORY);
    const next: RateBin = {
      k,
      n,
      lat: b.lat + w * (y - b.lat),
      breach: b.breach + w * ((y > sloMs ? 1 : 0) - b.breach),
      at: now,
    };
    if (reading.cpu !== undefined)
      next.cpu = b.cpu === undefined ? reading.cpu : b.cpu + w * (reading.cpu - b.cpu);
    bins.push(next);
  }
  if (!found) {
    const b: RateBin = { k, n: 1, lat: y, breach: y > sloMs ? 1 : 0, at: now };
    if (reading.cpu !== undefined) b.cpu = reading.cpu;
    bins.push(b);
  }
  if (bins.length > MAX_BINS) {
    let oldest = 0;
    for (let i = 1; i < bins.length; i++)
      if ((bins[i] as RateBin).at < (bins[oldest] as RateBin).at) oldest = i;
    bins.splice(oldest, 1);
  }
  bins.sort((a, b) => a.k - b.k);
  return { ...state, bins, demand, windows: state.windows + 1, last };
}
