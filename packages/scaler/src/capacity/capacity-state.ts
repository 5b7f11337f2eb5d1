/**
 * The capacity model's memory, stored in the app's History (plain JSON,
 * bounded: at most {@link MAX_BINS} bins, {@link DEMAND_KEEP_MS} of demand
 * samples and {@link MAX_BURSTS} bursts).
 */

/** Width of a rate bin: per-machine rates within 5% of each other share a bin. */
export const BIN_RATIO = 1.05;
/** Most rate bins kept (the least recently seen go first). */
export const MAX_BINS = 48;
/** Windows after which a bin's averages move by 1/{@link BIN_MEMORY} per new window. */
export const BIN_MEMORY = 20;
/** How long demand samples are kept (ms). */
export const DEMAND_KEEP_MS = 15 * 60_000;
/** Most bursts remembered. */
export const MAX_BURSTS = 8;

/** What the model knows about one band of per-machine request rates. */
export interface RateBin {
  /** Bin index: the band's rate is BIN_RATIO^k requests/s per machine. */
  k: number;
  /** Windows seen in this band (capped at 1000). */
  n: number;
  /** Mean SLO-quantile latency (ms), an average over the last ~BIN_MEMORY windows. */
  lat: number;
  /** Share of windows whose quantile breached the SLO (same averaging). */
  breach: number;
  /** Mean CPU utilisation, when machines report it. */
  cpu?: number;
  /** Last time (ms) a window fell in this band. */
  at: number;
}

/** One demand sample: the app's requests/s at a tick. */
export interface DemandSample {
  at: number;
  rps: number;
}

/** A burst: when the need rose sharply, and the most machines it needed. */
export interface Burst {
  at: number;
  need: number;
}

/** The model's state (History.capacity). */
export interface CapacityState {
  version: 1;
  bins: RateBin[];
  /** Windows observed in total. */
  windows: number;
  demand: DemandSample[];
  /** Measured time (ms) from a scale-up decision until its machines were ready, averaged. */
  startMs?: number;
  /** A scale-up waiting for its machines: decided at `at`, to `to` ready machines. */
  pending?: { at: number; to: number };
  bursts: Burst[];
  /** Warm pool the load's largest jumps called for (never shrinks). */
  pool?: number;
  /** Machines the plan needed at the last tick (burst detection compares with it). */
  lastNeed?: number;
  /** The last window's per-machine rate and whether its quantile breached (backlog detection). */
  last?: { rate: number; breached: boolean };
}

/** A fresh state. */
export function emptyCapacity(): CapacityState {
  return { version: 1, bins: [], windows: 0, demand: [], bursts: [] };
}

/** The stored state when it is one this version wrote, else a fresh one (never throws). */
export function restoreCapacity(stored: unknown): CapacityState {
  if (typeof stored !== 'object' || stored === null) return emptyCapacity();
  const s = stored as Partial<CapacityState>;
  if (s.version !== 1 || !Array.isArray(s.bins) || !Array.isArray(s.demand) || !Array.isArray(s.bursts))
    return emptyCapacity();
  if (typeof s.windows !== 'number') return emptyCapacity();
  return s as CapacityState;
}

/** The rate (requests/s per machine) at the centre of bin `k`. */
export function binRate(k: number): number {
  return BIN_RATIO ** k;
}

/** The bin index of a per-machine rate. */
export function binOf(rate: number): number {
  return Math.round(Math.log(rate) / Math.log(BIN_RATIO));
}
