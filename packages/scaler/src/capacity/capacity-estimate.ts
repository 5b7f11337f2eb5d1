import { BIN_RATIO, binRate, type RateBin } from './capacity-state.js';

/** The learned capacity per machine, with the evidence behind it. */
export interface CapacityEstimate {
  /** Requests/s per machine at which the SLO quantile reaches the SLO. */
  readonly rps: number;
  /** Whether the evidence is enough to act on (see {@link estimateCapacity}). */
  readonly calibrated: boolean;
  /** Windows of evidence. */
  readonly windows: number;
  /** Highest rate served within the SLO, and lowest rate that breached it (when seen). */
  readonly servedWithin?: number;
  readonly breachedAt?: number;
  /** Throughput ceiling the fit found (requests/s per machine), and whether CPU gave it. */
  readonly ceiling?: number;
  readonly fromCpu: boolean;
  /** Why not calibrated yet, for the decision. */
  readonly missing?: string;
}

/** A bin holds rates within half a bin width of its centre: the lowest breached rate is at least centre / HALF_BIN. */
const HALF_BIN = Math.sqrt(BIN_RATIO);
/** Extrapolation beyond the highest rate seen is bounded to this factor. */
const MAX_EXTRAPOLATION = 1.5;
/** Spread of observed rates (highest / lowest) that counts as evidence without a breach. */
const MIN_SPREAD = 1.3;
/** Windows served within the SLO at higher rates, per window of a breached band, that make its breach noise. */
const CONTRADICTION = 2;

interface Point {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly cpu?: number;
}

/**
 * Estimates the per-machine rate at which the SLO quantile reaches `sloMs`,
 * from the rate bins: fits the queueing-shaped curve `latency = a + b / (c - x)`
 * (c: the throughput ceiling; from rate/CPU when CPU moves with the rate,
 * else the best fit over a grid) to the bins below the lowest breaching
 * rate, solves it for the SLO, and bounds the result by the evidence: never
 * below a rate already served within the SLO, never at or above one that
 * breached it, never beyond 1.5x the highest rate seen. Calibrated once
 * `minWindows` windows were seen, at least 3 bins hold data, and the rates
 * spread at least 1.3x (or a breach was seen).
 */
export function estimateCapacity(
  bins: readonly RateBin[],
  windows: number,
  sloMs: number,
  minWindows: number,
): CapacityEstimate | undefined {
  if (bins.length === 0) return undefined;
  const noise = contradicted(bins, sloMs);
  let hi: number | undefined;
  for (const b of bins) {
    if (b.n >= 2 && b.lat > sloMs && b.breach >= 0.5 && !noise.has(b.k)) {
      const x = binRate(b.k);
      if (hi === undefined || x < hi) hi = x;
    }
  }
  let lo: number | undefined;
  const pts: Point[] = [];
  let xMin = Number.POSITIVE_INFINITY;
  let xTop = 0;
  for (const b of bins) {
    const x = binRate(b.k);
    if ((hi !== undefined && x >= hi) || noise.has(b.k)) continue;
    if (b.lat <= sloMs && b.n >= 2 && (lo === undefined || x > lo)) lo = x;
    if (b.lat < 3 * sloMs) {
      pts.push(
        b.cpu === undefined
          ? { x, y: b.lat, w: Math.min(b.n, 20) }
          : { x, y: b.lat, w: Math.min(b.n, 20), cpu: b.cpu },
      );
      xMin = Math.min(xMin, x);
      xTop = Math.max(xTop, x);
    }
  }
  const spread = pts.length > 0 ? xTop / xMin : 1;
  let missing: string | undefined;
  if (windows < minWindows) missing = `${windows}/${minWindows} windows`;
  else if (pts.length < 3) missing = `${pts.length}/3 rate bands`;
  else if (hi === undefined && spread < MIN_SPREAD)
    missing = `rates spread ${spread.toFixed(2)}x < ${MIN_SPREAD}x and no breach seen`;
  if (pts.length === 0) {
    const rps = hi === undefined ? (lo ?? 0) : hi / HALF_BIN;
    return {
      rps,
      calibrated: false,
      windows,
      breachedAt: hi,
      fromCpu: false,
      missing: missing ?? 'no data below the breaches',
    };
  }
  const cpuCeiling = ceilingFromCpu(pts);
  const fit = fitCurve(pts, xTop, cpuCeiling);
  let rps: number;
  if (fit !== undefined && fit.b > 0 && sloMs > fit.a) rps = fit.c - fit.b / (sloMs - fit.a);
  else rps = xTop * MAX_EXTRAPOLATION;
  rps = Math.min(rps, Math.max(lo ?? 0, xTop) * MAX_EXTRAPOLATION);
  if (hi !== undefined) rps = Math.min(rps, hi / HALF_BIN);
  if (lo !== undefined) rps = Math.max(rps, lo);
  const out: CapacityEstimate = {
    rps,
    calibrated: missing === undefined,
    windows,
    fromCpu: cpuCeiling !== undefined,
    ...(lo !== undefined && { servedWithin: lo }),
    ...(hi !== undefined && { breachedAt: hi }),
    ...(fit !== undefined && { ceiling: fit.c }),
    ...(missing !== undefined && { missing }),
  };
  return out;
}

/**
 * Bins whose breach the higher rates contradict: a band over the SLO while
 * faster bands served within it with at least {@link CONTRADICTION} times as
 * many windows. Latency does not fall as the rate per machine rises, so such
 * a band is noise (the quantile of a quiet window is its one slowest request)
 * or a passing slowness, not the machine's limit. A lasting slowdown
 * outgrows the contradiction as its windows accumulate.
 */
function contradicted(bins: readonly RateBin[], sloMs: number): ReadonlySet<number> {
  const out = new Set<number>();
  let servedAbove = 0;
  for (const b of [...bins].sort((x, y) => y.k - x.k)) {
    if (b.lat > sloMs) {
      if (servedAbove >= CONTRADICTION * b.n) out.add(b.k);
    } else {
      servedAbove += b.n;
    }
  }
  return out;
}

/**
 * The throughput ceiling x / cpu when CPU moves with the rate: at least 3
 * bins with CPU above 10% spanning 1.3x in rate whose x / cpu agree within
 * 10% (coefficient of variation). An app that sleeps instead of computing
 * (CPU flat) gives none.
 */
function ceilingFromCpu(pts: readonly Point[]): number | undefined {
  const rs: number[] = [];
  const ws: number[] = [];
  let xa = Number.POSITIVE_INFINITY;
  let xb = 0;
  for (const p of pts) {
    if (p.cpu === undefined || p.cpu < 0.1) continue;
    rs.push(p.x / p.cpu);
    ws.push(p.w);
    xa = Math.min(xa, p.x);
    xb = Math.max(xb, p.x);
  }
  if (rs.length < 3 || xb / xa < 1.3) return undefined;
  let sw = 0;
  let m = 0;
  for (let i = 0; i < rs.length; i++) {
    sw += ws[i] as number;
    m += (ws[i] as number) * (rs[i] as number);
  }
  m /= sw;
  let v = 0;
  for (let i = 0; i < rs.length; i++) v += (ws[i] as number) * ((rs[i] as number) - m) ** 2;
  return Math.sqrt(v / sw) / m <= 0.1 ? m : undefined;
}

/** Weighted least squares of y = a + b / (c - x) for each ceiling c on a grid (or the CPU ceiling); the best fit. */
function fitCurve(
  pts: readonly Point[],
  xTop: number,
  cpuCeiling: number | undefined,
): { a: number; b: number; c: number } | undefined {
  if (pts.length < 2) return undefined;
  const grid: number[] = [];
  if (cpuCeiling !== undefined && cpuCeiling > xTop) grid.push(cpuCeiling);
  else for (let i = 0; i < 64; i++) grid.push(xTop * (1.005 + 3 * (i / 63) ** 2));
  let best: { a: number; b: number; c: number; sse: number } | undefined;
  for (const c of grid) {
    let sw = 0;
    let su = 0;
    let sy = 0;
    let suu = 0;
    let suy = 0;
    for (const p of pts) {
      const u = 1 / (c - p.x);
      sw += p.w;
      su += p.w * u;
      sy += p.w * p.y;
      suu += p.w * u * u;
      suy += p.w * u * p.y;
    }
    const den = sw * suu - su * su;
    let b = den > 1e-12 ? (sw * suy - su * sy) / den : 0;
    if (b < 0) b = 0;
    const a = (sy - b * su) / sw;
    let sse = 0;
    for (const p of pts) sse += p.w * (p.y - a - b / (c - p.x)) ** 2;
    if (best === undefined || sse < best.sse - 1e-9) best = { a, b, c, sse };
  }
  return best === undefined ? undefined : { a: best.a, b: best.b, c: best.c };
}
