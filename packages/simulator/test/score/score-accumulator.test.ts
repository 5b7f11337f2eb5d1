import { describe, expect, it } from 'vitest';
import { ScoreAccumulator } from '../../src/score/score-accumulator.js';

const tick = (t: number, over: Partial<Parameters<ScoreAccumulator['add']>[0]> = {}) => ({
  t,
  dt: 10,
  ideal: 2,
  ready: 2,
  billed: 2,
  arrivals: 100,
  failed: 0,
  slow: 0,
  violated: false,
  ...over,
});

describe('scorecard accumulation', () => {
  it('counts machine-seconds, SLO-violation time and violated minutes', () => {
    const s = new ScoreAccumulator(0.01);
    for (let t = 0; t < 120; t += 10) s.add(tick(t, t === 70 ? { violated: true, slow: 50 } : {}));
    const c = s.result('p', 'policy', 120);
    expect(c.scoredSeconds).toBe(120);
    expect(c.machineSeconds).toBe(240);
    expect(c.meanMachines).toBe(2);
    expect(c.sloViolationSeconds).toBe(10);
    expect(c.sloViolationMinutes).toBe(1);
    expect(c.sloViolationMinuteShare).toBe(0.5);
  });

  it('a minute is violated when more than 1% of its requests were slow or failed, even if no single tick was', () => {
    const s = new ScoreAccumulator(0.01);
    for (let t = 0; t < 60; t += 10) s.add(tick(t, { failed: 1, slow: 0.5 }));
    expect(s.result('p', 'policy', 60).sloViolationMinutes).toBe(1);
    const ok = new ScoreAccumulator(0.01);
    for (let t = 0; t < 60; t += 10) ok.add(tick(t, { slow: 0.5 }));
    expect(ok.result('p', 'policy', 60).sloViolationMinutes).toBe(0);
  });

  it('measures under- and over-provisioning against the ideal count', () => {
    const s = new ScoreAccumulator(0.01);
    s.add(tick(0, { ideal: 4, ready: 1, billed: 2 }));
    s.add(tick(10, { ideal: 1, ready: 3, billed: 3 }));
    const c = s.result('p', 'policy', 20);
    expect(c.underProvisionedMachineSeconds).toBe(30);
    expect(c.underProvisionedShare).toBe(0.5);
    expect(c.overProvisionedMachineSeconds).toBe(20);
    expect(c.overProvisionedShare).toBe(0.5);
  });

  it('measures reaction time from a load step until ready machines reach its ideal count', () => {
    const s = new ScoreAccumulator(0.01);
    s.loadStep(100, 5, 2);
    for (let t = 100; t < 200; t += 10) s.add(tick(t, { ideal: 5, ready: t >= 140 ? 5 : 2 }));
    s.loadStep(300, 5, 5);
    const r = s.result('p', 'policy', 400).reaction;
    expect(r.steps).toBe(2);
    expect(r.maxSeconds).toBe(40);
    expect(r.medianSeconds).toBe(0);
  });

  it('counts changes of the decided count and provider operations per hour', () => {
    const s = new ScoreAccumulator(0.01);
    for (let t = 0; t < 3600; t += 10) {
      s.add(tick(t));
      s.desired(t < 1800 ? 2 : 3, true);
    }
    s.providerActions(4);
    const c = s.result('p', 'policy', 3600);
    expect(c.scalingActionsPerHour).toBe(1);
    expect(c.providerActionsPerHour).toBe(4);
  });
});
