import type { Predictive } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { type ForecastState, initForecast, observeLoad } from '../src/forecast/index.js';
import { decide, emptyHistory, type History } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { machine, observe } from './support/machines.js';

const HOUR = 3_600_000;
const MIN = 60_000;
const predictive: Predictive = {
  enabled: true,
  seasons: [HOUR],
  lead: 2 * MIN,
  maxError: 0.3,
  headroom: 1.1,
};

/** Load of 100 rps with a 400 rps spike in minutes 30-34 of every hour. */
const spiky = (t: number) => ((t % HOUR) / MIN >= 30 && (t % HOUR) / MIN < 35 ? 400 : 100);

function learnt(load: (t: number) => number, until: number): ForecastState {
  let s = initForecast(predictive);
  for (let t = 0; t < until; t += 10_000) s = observeLoad(s, predictive, t, load(t));
  return s;
}

const policy = appConfig({ min: 1, max: 20, targets: [{ type: 'rps', perMachine: 50 }], predictive });

describe('predictive floor', () => {
  it('raises the floor ahead of a recurring spike, by the rps target capacity', () => {
    const now = 5 * HOUR + 29 * MIN;
    const history: History = { ...emptyHistory(), forecast: learnt(spiky, now) };
    const ms = [machine('a', { rps: 50 }), machine('b', { rps: 50 })];
    const d = decide(policy, observe(ms), history, now);
    const step = d.steps.find((s) => s.reason === 'PredictiveFloor' && s.after > s.before);
    expect(step, d.explanation).toBeDefined();
    const floor = step?.numbers?.floor as number;
    // ~400 rps x 1.1 / 50 per machine -> about 9 machines.
    expect(floor).toBeGreaterThanOrEqual(8);
    expect(d.proposals[0]?.proposed).toBe(2);
    // From 2, the default scale-up rate allows max(+100%, +4) = 6.
    expect(d.desired).toBe(6);
  });

  it('never scales down on a forecast alone', () => {
    const now = 5 * HOUR + 10 * MIN;
    const history: History = { ...emptyHistory(), forecast: learnt(spiky, now) };
    const ms = Array.from({ length: 8 }, (_, i) => machine(`m${i}`, { rps: 50 }));
    const d = decide(policy, observe(ms), history, now);
    // Metrics want 8 (400 rps / 50); the forecast of ~100 rps does not lower it.
    expect(d.desired).toBe(8);
  });

  it('is ignored while the forecaster has not learnt a full season', () => {
    const d = decide(policy, observe([machine('a', { rps: 50 })]), emptyHistory(), 10 * MIN);
    expect(d.steps.find((s) => s.reason === 'PredictiveFloor')?.message).toMatch(/forecast not ready/);
    expect(d.desired).toBe(1);
  });

  it('feeds the fleet rps to the forecaster every tick', () => {
    const d = decide(policy, observe([machine('a', { rps: 42 })]), emptyHistory(), 10 * MIN);
    const f = d.history.forecast as ForecastState;
    expect(f.binSum).toBe(42);
    expect(f.binCount).toBe(1);
  });
});
