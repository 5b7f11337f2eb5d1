import { describe, expect, it } from 'vitest';
import type { DemandSample } from '../../src/capacity/capacity-state.js';
import { demandOutlook } from '../../src/capacity/demand-outlook.js';

const STEP = 5000;
const START = 5000;
const BOOT = 30_000;

/** Deterministic uniform numbers in [0, 1) (a 32-bit LCG). */
function uniform(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Windows of `rate` requests/s counted over 5 s: Poisson counts (normal approximation, exact enough at 50+ per window). */
function windows(rate: number, n: number, next: () => number, from: number): DemandSample[] {
  const out: DemandSample[] = [];
  for (let i = 0; i < n; i++) {
    const u = Math.max(next(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
    const count = Math.max(0, Math.round(rate * 5 + z * Math.sqrt(rate * 5)));
    out.push({ at: from + i * STEP, rps: count / 5 });
  }
  return out;
}

const noiseOf = (samples: DemandSample[]) =>
  demandOutlook(samples, START, BOOT, false, 2)?.noise ?? Number.NaN;

describe('demandOutlook noise', () => {
  it('sizes a quiet spell by its own noise, not by the busy spell before it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = uniform(seed);
      const busy = windows(100, 18, next, 0);
      const quiet = windows(10, 30, next, 18 * STEP);
      const afterBusy = noiseOf([...busy, ...quiet]);
      // One standard deviation of the change between two 5 s windows of Poisson arrivals at
      // rate r is sqrt(2 r / 5): 2 requests/s at 10, 6.3 at 100.
      expect(afterBusy, `seed ${seed}`).toBeLessThan(1.5 * Math.sqrt((2 * 10) / 5));
      expect(afterBusy, `seed ${seed}`).toBeLessThan(Math.sqrt((2 * 100) / 5) / 2);
    }
  });

  it('keeps the absolute jumps of a steady load', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const samples = windows(100, 60, uniform(seed), 0);
      const h = 2; // (START + STEP) / STEP
      const changes = samples.slice(h).map((s, i) => Math.abs(s.rps - (samples[i] as DemandSample).rps));
      changes.sort((a, b) => a - b);
      const q68 = changes[Math.floor(0.68 * changes.length)] as number;
      const noise = noiseOf(samples);
      expect(noise).toBeLessThanOrEqual(q68);
      expect(noise, `seed ${seed}`).toBeGreaterThan(0.8 * q68);
    }
  });

  it('grows with jumps that recur', () => {
    const next = uniform(7);
    const calm = windows(50, 48, next, 0);
    const jumpy = calm.map((s, i) => ({ at: s.at, rps: i % 6 < 3 ? s.rps : s.rps * 2 }));
    expect(noiseOf(jumpy)).toBeGreaterThan(3 * noiseOf(calm));
  });
});
