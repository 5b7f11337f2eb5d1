import { describe, expect, it } from 'vitest';
import { emptyCapacity, observeWindow, type WindowReading } from '../../src/index.js';

const SLO = 250;
const reading = (perMachine: number, quantileMs: number, ready = 2): WindowReading => ({
  perMachine,
  demand: perMachine * ready,
  quantileMs,
  ready,
});

describe('observeWindow', () => {
  it('learns nothing from a backlog draining: a breach followed by a lower rate per machine', () => {
    let s = observeWindow(emptyCapacity(), reading(40, 900), SLO, 0);
    // Machines joined: each serves 20 rps now, but the window still carries the queue's latency.
    s = observeWindow(s, reading(20, 600, 4), SLO, 5000);
    expect(s.windows).toBe(1);
    expect(s.bins.map((b) => b.breach)).toEqual([1]);
    // The demand sample is kept either way.
    expect(s.demand.map((d) => d.rps)).toEqual([80, 80]);
    // The next window at the same rate is evidence again, a breach or not.
    s = observeWindow(s, reading(20, 120, 4), SLO, 10_000);
    expect(s.windows).toBe(2);
    expect(s.bins.find((b) => b.breach === 0)?.lat).toBe(120);
  });

  it('keeps a sustained overload as evidence: a breach at the same or a higher rate counts', () => {
    let s = observeWindow(emptyCapacity(), reading(40, 900), SLO, 0);
    s = observeWindow(s, reading(40, 950), SLO, 5000);
    s = observeWindow(s, reading(44, 1200), SLO, 10_000);
    expect(s.windows).toBe(3);
    expect(s.bins.reduce((a, b) => a + b.n, 0)).toBe(3);
  });

  it('counts a lower rate after a window within the SLO', () => {
    let s = observeWindow(emptyCapacity(), reading(40, 200), SLO, 0);
    s = observeWindow(s, reading(20, 90), SLO, 5000);
    expect(s.windows).toBe(2);
  });
});
