import type { Trace } from '../trace/trace.js';

/**
 * How the ticks of a simulation cover the trace: each tick `[k dt, (k+1) dt)`
 * is cut at the trace's row boundaries into segments, one per row it
 * overlaps, so every row inside a tick is simulated for the time it lasts.
 * A tick shorter than a row has one segment; a 5 s tick on a 1 s trace has 5.
 */
export interface TickSegments {
  /** Segments of tick `k` are `start[k]` to `start[k + 1] - 1`; length ticks + 1. */
  readonly start: Int32Array;
  /** Trace row of each segment. */
  readonly row: Int32Array;
  /** Start of each segment, seconds since the trace start. */
  readonly t: Float64Array;
  /** Length of each segment, seconds. */
  readonly seconds: Float64Array;
}

/** Shortest segment kept, seconds (float rounding at row boundaries). */
const EPSILON_S = 1e-9;

/** Cuts `ticks` ticks of `dt` ms into per-row segments of `trace`. */
export function tickSegments(trace: Trace, dt: number, ticks: number): TickSegments {
  const rows = trace.rps.length;
  const stepMs = trace.step * 1000;
  // Every segment ends at a tick end or a row end, so there are at most ticks + rows of them.
  const capacity = ticks + rows + 1;
  const row = new Int32Array(capacity);
  const t = new Float64Array(capacity);
  const seconds = new Float64Array(capacity);
  const start = new Int32Array(ticks + 1);
  let n = 0;
  for (let k = 0; k < ticks; k++) {
    start[k] = n;
    const end = (k + 1) * dt;
    let from = k * dt;
    let r = Math.min(rows - 1, Math.floor(from / stepMs));
    while (end - from > EPSILON_S * 1000) {
      const to = r >= rows - 1 ? end : Math.min(end, (r + 1) * stepMs);
      if (to - from > EPSILON_S * 1000) {
        row[n] = r;
        t[n] = from / 1000;
        seconds[n] = (to - from) / 1000;
        n++;
      }
      from = Math.max(from, to);
      r = Math.min(rows - 1, r + 1);
    }
  }
  start[ticks] = n;
  return { start, row: row.slice(0, n), t: t.slice(0, n), seconds: seconds.slice(0, n) };
}
