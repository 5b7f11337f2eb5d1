import type { DemandSample } from './capacity-state.js';

/** The app's demand now and over the next start time. */
export interface DemandOutlook {
  /**
   * Requests/s the fleet must serve now: the mean of the windows over the
   * last {@link LEVEL_MS} (window-to-window noise averages out), or the last
   * window when it rose beyond that mean plus the noise headroom (a real
   * shift, acted on at once).
   */
  readonly now: number;
  /** Requests/s at the last window. */
  readonly last: number;
  /**
   * Expected requests/s at the horizon: `now`. The slope of the last windows
   * is reported (`trend`) but not added: measured on per-second traffic it is
   * mostly noise, already covered by the headroom, and a shift beyond the
   * noise is acted on at once through `now`.
   */
  readonly expected: number;
  /**
   * Noise (requests/s): the 68th percentile of the absolute change over one
   * horizon in the kept samples (one standard deviation for Gaussian noise,
   * but a single step of the load does not inflate it for the next 15
   * minutes; recurring jumps do). Absolute, not relative: low-volume traffic
   * jumps by several times its mean, and what the fleet must absorb is the
   * jump in requests/s. But never more than the same percentile of the
   * changes scaled to the current level by the square root of the rate
   * (arrival noise grows as the square root of the rate), so the jumps of
   * a busy spell do not size the headroom of the quiet spell after it.
   */
  readonly noise: number;
  /** Requests/s per second of the recent trend (last 4 samples; 0 when falling or off). */
  readonly trend: number;
  /** Largest rise (requests/s) within one boot time in the kept samples. */
  readonly jump: number;
  /** The horizon (ms): the next machine's start plus one tick of observation lag. */
  readonly horizonMs: number;
  /** Pairs the noise was measured over. */
  readonly pairs: number;
}

/** Quantile of the absolute changes taken as the noise (68%: one standard deviation if Gaussian). */
const NOISE_QUANTILE = 0.68;

/** The `q` quantile of `xs` (nearest rank; sorts a copy). */
function quantileOf(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
}

/** Requests/s added to a level before its square root is taken (a near-idle app's noise stays finite). */
const NOISE_FLOOR = 1;

/** Span (ms) of the windows averaged into the demand level. */
export const LEVEL_MS = 30_000;

/** Noise assumed while fewer than this many pairs were seen. */
const MIN_PAIRS = 6;
/** Relative noise assumed (x the demand) while too few pairs were seen. */
const UNKNOWN_NOISE = 0.2;

/**
 * Looks ahead from the kept demand samples: the change over `horizonMs`
 * (over every pair of samples that far apart, so the
 * headroom grows while the load is jumpy and shrinks while it is smooth),
 * the rising trend, and the largest rise within `bootMs` (warm-pool sizing).
 */
export function demandOutlook(
  samples: readonly DemandSample[],
  startMs: number,
  bootMs: number,
  trend: boolean,
  confidence: number,
): DemandOutlook | undefined {
  const n = samples.length;
  const last = samples[n - 1];
  if (last === undefined) return undefined;
  const step = n >= 2 ? Math.max(1, (last.at - (samples[0] as DemandSample).at) / (n - 1)) : 5000;
  const horizonMs = startMs + step;
  const h = Math.max(1, Math.round(horizonMs / step));
  // Changes scaled by the square root of their level: arrivals' noise grows as the square root of
  // the rate (Poisson), so a busy spell's jumps do not size the headroom of the quiet one after it.
  const changes: number[] = [];
  const scaled: number[] = [];
  for (let i = 0; i + h < n; i++) {
    const a = (samples[i] as DemandSample).rps;
    const b = (samples[i + h] as DemandSample).rps;
    changes.push(Math.abs(b - a));
    scaled.push(Math.abs(b - a) / Math.sqrt((a + b) / 2 + NOISE_FLOOR));
  }
  const pairs = changes.length;
  const hb = Math.max(1, Math.round((bootMs + step) / step));
  let jump = 0;
  for (let i = 0; i < n; i++) {
    const a = (samples[i] as DemandSample).rps;
    for (let j = i + 1; j <= i + hb && j < n; j++)
      jump = Math.max(jump, (samples[j] as DemandSample).rps - a);
  }
  let slope = 0;
  if (trend && n >= 4) {
    let st = 0;
    let sy = 0;
    for (let i = n - 4; i < n; i++) {
      st += (samples[i] as DemandSample).at;
      sy += (samples[i] as DemandSample).rps;
    }
    st /= 4;
    sy /= 4;
    let num = 0;
    let den = 0;
    for (let i = n - 4; i < n; i++) {
      const dt = (samples[i] as DemandSample).at - st;
      num += dt * ((samples[i] as DemandSample).rps - sy);
      den += dt * dt;
    }
    slope = den > 0 ? Math.max(0, (num / den) * 1000) : 0;
  }
  let sum = 0;
  let k = 0;
  for (let i = n - 1; i >= 0 && (samples[i] as DemandSample).at > last.at - LEVEL_MS; i--) {
    sum += (samples[i] as DemandSample).rps;
    k++;
  }
  const level = sum / Math.max(k, 1);
  const noise =
    pairs >= MIN_PAIRS
      ? Math.min(
          quantileOf(changes, NOISE_QUANTILE),
          quantileOf(scaled, NOISE_QUANTILE) * Math.sqrt(level + NOISE_FLOOR),
        )
      : UNKNOWN_NOISE * last.rps;
  const now = last.rps > level + confidence * noise ? last.rps : level;
  return {
    now,
    last: last.rps,
    expected: now,
    noise,
    trend: slope,
    jump,
    horizonMs,
    pairs,
  };
}
