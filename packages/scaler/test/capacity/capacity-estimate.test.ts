import { describe, expect, it } from 'vitest';
import {
  type CapacityState,
  emptyCapacity,
  estimateCapacity,
  observeWindow,
  type WindowReading,
} from '../../src/index.js';

const SLO = 250;
const reading = (perMachine: number, quantileMs: number): WindowReading => ({
  perMachine,
  demand: perMachine * 3,
  quantileMs,
  ready: 3,
});

/** Windows at rates 17-25 rps per machine, all within the SLO (a machine whose knee is near 29.6). */
function servedWell(windows: number): { state: CapacityState; at: number } {
  let state = emptyCapacity();
  let at = 0;
  for (let i = 0; i < windows; i++) {
    const rate = 17 + (i % 9);
    at += 5000;
    state = observeWindow(state, reading(rate, 110 + 8 * (rate - 17)), SLO, at);
  }
  return { state, at };
}

describe('estimateCapacity', () => {
  it('takes a breach at a rate below bands served within the SLO with far more windows as noise, not the limit', () => {
    let { state, at } = servedWell(300);
    const before = estimateCapacity(state.bins, state.windows, SLO, 12);
    expect(before?.calibrated).toBe(true);
    // Two quiet windows at 16 rps whose one slowest request crosses the SLO.
    for (const t of [at + 5000, at + 10_000]) state = observeWindow(state, reading(16, 259), SLO, t);
    const after = estimateCapacity(state.bins, state.windows, SLO, 12);
    expect(after?.calibrated).toBe(true);
    expect(after?.breachedAt).toBeUndefined();
    expect(after?.rps).toBeCloseTo(before?.rps ?? 0, 6);
  });

  it('learns a lasting slowdown: once the breached band holds more than half as many windows as the faster ones, it is the limit', () => {
    let { state, at } = servedWell(40);
    for (let i = 1; i <= 40; i++) state = observeWindow(state, reading(16, 400), SLO, at + 5000 * i);
    const e = estimateCapacity(state.bins, state.windows, SLO, 12);
    expect(e?.breachedAt).toBeGreaterThan(15);
    expect(e?.breachedAt).toBeLessThan(17);
    expect(e?.rps).toBeLessThan(16);
  });
});
