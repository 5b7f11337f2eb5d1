import type { Trace } from '../../src/index.js';

/** A seeded PRNG (mulberry32), so synthetic traces are reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A trace of `rows` bins of `step` seconds whose rate is `rate(t_seconds)`. */
export function traceOf(
  rows: number,
  step: number,
  rate: (t: number) => number,
  masked?: (t: number) => boolean,
): Trace {
  const rps = new Float64Array(rows);
  const mask = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    rps[i] = Math.max(0, rate(i * step));
    mask[i] = masked?.(i * step) ? 1 : 0;
  }
  return { step, start: 0, rps, masked: mask };
}

const DAY = 86_400;

/** Diurnal sine (period one day) plus seeded multiplicative noise. */
export function diurnalTrace(days: number, seed = 1): Trace {
  const r = prng(seed);
  return traceOf(
    (days * DAY) / 10,
    10,
    (t) => (100 + 70 * Math.sin((2 * Math.PI * t) / DAY)) * (0.9 + 0.2 * r()),
  );
}

/** Flat load that steps from `low` to `high` at `at` seconds and back at `until`. */
export function stepTrace(seconds: number, low: number, high: number, at: number, until: number): Trace {
  return traceOf(seconds / 10, 10, (t) => (t >= at && t < until ? high : low));
}

/** Base load with short spikes of `height` x base every `every` seconds, lasting `length` seconds. */
export function spikeTrace(
  seconds: number,
  base: number,
  height: number,
  every: number,
  length: number,
): Trace {
  return traceOf(seconds / 10, 10, (t) => (t % every >= every - length ? base * height : base));
}
