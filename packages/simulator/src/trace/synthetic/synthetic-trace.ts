import type { Trace } from '../trace.js';
import { type SeededRandom, seededRandom } from './seeded-random.js';

/** The load shapes {@link syntheticTrace} generates. */
export type SyntheticShape = 'diurnal' | 'flash-crowd' | 'surge' | 'chat';

/** Every shape, in the order benches print them. */
export const SYNTHETIC_SHAPES: readonly SyntheticShape[] = ['diurnal', 'flash-crowd', 'surge', 'chat'];

/** Options of {@link syntheticTrace}. */
export interface SyntheticTraceOptions {
  readonly shape: SyntheticShape;
  /** Seed of the generator. Default 1. */
  readonly seed?: number;
  /** Length in seconds. Default: 2 days for 60 s-bin shapes, 6 hours for per-second ones. */
  readonly seconds?: number;
}

const DAY = 86_400;

/** Day-shaped base load between 0.25 and 1 (trough at 04:00, peak at 16:00). */
function daily(t: number): number {
  return 0.625 - 0.375 * Math.cos((2 * Math.PI * (t - 4 * 3600)) / DAY);
}

/**
 * A seeded, deterministic load trace of one of four shapes, in arbitrary
 * units (rescale it with `--peak-machines` / `peakMachines`):
 *
 * - `diurnal`: 60 s bins, a daily cycle with slowly wandering (AR(1), 4%)
 *   and bin-to-bin (3%) multiplicative noise.
 * - `flash-crowd`: 60 s bins, a daily cycle plus about six flash crowds a day
 *   that rise 2-5x within one or two bins and decay over 5-30 minutes.
 * - `surge`: 1 s bins of Poisson arrivals (mean 200/s at the daily peak),
 *   with surges of 1.5-3x lasting 10-120 s every few minutes.
 * - `chat`: 1 s bins of low-volume bursty arrivals: sessions arrive as a
 *   Poisson process (daily-shaped) and each sends a burst of requests over a
 *   few seconds, so counts per second are small and clumped (mean about 3/s).
 */
export function syntheticTrace(options: SyntheticTraceOptions): Trace {
  const r = seededRandom(options.seed ?? 1);
  const perSecond = options.shape === 'surge' || options.shape === 'chat';
  const step = perSecond ? 1 : 60;
  const seconds = options.seconds ?? (perSecond ? 6 * 3600 : 2 * DAY);
  const n = Math.max(2, Math.floor(seconds / step));
  // Per-second shapes start at 10:00 so six hours cover the rise to the daily peak.
  const offset = perSecond ? 10 * 3600 : 0;
  const rps = new Float64Array(n);
  if (options.shape === 'diurnal') diurnal(rps, step, offset, r);
  else if (options.shape === 'flash-crowd') flashCrowd(rps, step, offset, r);
  else if (options.shape === 'surge') surge(rps, offset, r);
  else chat(rps, offset, r);
  return { step, start: 0, rps, masked: new Uint8Array(n) };
}

function diurnal(rps: Float64Array, step: number, offset: number, r: SeededRandom): void {
  let wander = 0;
  for (let i = 0; i < rps.length; i++) {
    wander = 0.95 * wander + 0.04 * Math.sqrt(1 - 0.95 * 0.95) * r.normal();
    rps[i] = 100 * daily(offset + i * step) * Math.exp(wander + 0.03 * r.normal());
  }
}

function flashCrowd(rps: Float64Array, step: number, offset: number, r: SeededRandom): void {
  diurnal(rps, step, offset, r);
  const crowdsPerBin = (6 * step) / DAY;
  let extra = 0;
  let decay = 1;
  let rising = 0;
  let peak = 0;
  for (let i = 0; i < rps.length; i++) {
    if (rising === 0 && r.next() < crowdsPerBin) {
      peak = (1 + 4 * r.next()) * (rps[i] ?? 0);
      rising = 1 + Math.floor(2 * r.next());
      decay = Math.exp(-step / (300 + 1500 * r.next()));
    }
    if (rising > 0) {
      extra += (peak - extra) / rising;
      rising--;
    } else extra *= decay;
    rps[i] = (rps[i] ?? 0) + extra;
  }
}

function surge(rps: Float64Array, offset: number, r: SeededRandom): void {
  let level = 1;
  let left = 0;
  for (let i = 0; i < rps.length; i++) {
    if (left === 0) {
      const surging = level === 1 && r.next() < 0.4;
      level = surging ? 1.5 + 1.5 * r.next() : 1;
      left = surging ? 10 + Math.floor(110 * r.next()) : 60 + Math.floor(300 * r.next());
    }
    left--;
    rps[i] = r.poisson(200 * daily(offset + i) * level);
  }
}

function chat(rps: Float64Array, offset: number, r: SeededRandom): void {
  // Sessions of 2-20 requests spread over 1-6 s: counts per second are small and clumped.
  const pending = new Float64Array(rps.length + 8);
  for (let i = 0; i < rps.length; i++) {
    const sessions = r.poisson(0.45 * daily(offset + i) * 1.6);
    for (let s = 0; s < sessions; s++) {
      const size = 2 + Math.floor(18 * r.next() * r.next());
      const spread = 1 + Math.floor(6 * r.next());
      for (let k = 0; k < size; k++) {
        const at = i + Math.floor(spread * r.next());
        pending[at] = (pending[at] ?? 0) + 1;
      }
    }
    rps[i] = pending[i] ?? 0;
  }
}
