/**
 * A load trace: requests per second over contiguous bins of equal width.
 * Masked bins are missing data (collection gaps); their `rps` holds a
 * stand-in (linear interpolation between the neighbouring real bins) so the
 * simulated fleet sees plausible load, and the scorecard skips them.
 */
export interface Trace {
  /** Bin width in seconds (the difference between consecutive `t_seconds`). */
  readonly step: number;
  /** Start of the first bin, seconds. */
  readonly start: number;
  /** Requests per second per bin (masked bins: interpolated stand-in). */
  readonly rps: Float64Array;
  /** 1 where the bin is masked (missing data), else 0. */
  readonly masked: Uint8Array;
}

/** Number of masked bins in a trace. */
export function maskedCount(trace: Trace): number {
  let n = 0;
  for (const m of trace.masked) n += m;
  return n;
}

/** Highest unmasked rate of a trace (0 when everything is masked). */
export function peakRps(trace: Trace): number {
  let peak = 0;
  for (let i = 0; i < trace.rps.length; i++) {
    const v = trace.rps[i] ?? 0;
    if (trace.masked[i] === 0 && v > peak) peak = v;
  }
  return peak;
}

/** A copy of `trace` with every rate multiplied by `factor`. */
export function scaleTrace(trace: Trace, factor: number): Trace {
  const rps = new Float64Array(trace.rps.length);
  for (let i = 0; i < rps.length; i++) rps[i] = (trace.rps[i] ?? 0) * factor;
  return { ...trace, rps };
}
