/**
 * The rules beyond target tracking: invalid metrics, step rules, cooldowns,
 * fallback, burst mode, warm pool.
 */
import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, type History } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { cpuMachines, machine, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;
const S = 1000;

describe('invalid metrics', () => {
  it('no scale-down while any metric is invalid', () => {
    const policy = appConfig({
      targets: [
        { type: 'cpu', utilization: 0.5 },
        { type: 'custom', metric: 'queue', value: 10 },
      ],
      behavior: { scaleDown: { stabilizationWindow: 0 } },
    });
    const d = decide(policy, observe(cpuMachines([0.1, 0.1, 0.1, 0.1])), emptyHistory(), NOW);
    expect(d.proposals.map((p) => p.status)).toEqual(['ok', 'invalid']);
    expect(d.proposals[0]?.proposed).toBe(1);
    expect(d.desired).toBe(4);
    expect(d.steps.at(-1)?.reason).toBe('InvalidMetricNoScaleDown');
  });

  it('still scales up on the valid metrics', () => {
    const policy = appConfig({
      targets: [
        { type: 'cpu', utilization: 0.5 },
        { type: 'custom', metric: 'queue', value: 10 },
      ],
    });
    const d = decide(policy, observe(cpuMachines([0.9, 0.9])), emptyHistory(), NOW);
    expect(d.desired).toBe(4); // ceil(1.8 x 2)
  });

  it('no usable metric at all -> no change, and the failure is counted', () => {
    const d = decide(appConfig(), observe(cpuMachines([undefined, undefined])), emptyHistory(), NOW);
    expect(d.desired).toBe(2);
    expect(d.outcome).toBe('no_change');
    expect(d.history.failures).toBe(1);
    expect(d.steps.map((s) => s.reason)).toContain('NoUsableMetrics');
  });
});

describe('fallback after N failed observations', () => {
  const policy = appConfig({ fallback: { machines: 6, afterFailures: 3 } });
  const blind = observe(cpuMachines([undefined, undefined]));

  it('keeps the count until the Nth consecutive failure, then runs the fallback count', () => {
    let h: History = emptyHistory();
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const d = decide(policy, blind, h, NOW + i * 15 * S);
      got.push(`${d.outcome}:${d.desired}`);
      h = d.history;
    }
    expect(got).toEqual(['no_change:2', 'no_change:2', 'fallback:6']);
    expect(h.failures).toBe(3);
  });

  it('a tick with usable metrics resets the count', () => {
    const d = decide(policy, observe(cpuMachines([0.5, 0.5])), { ...emptyHistory(), failures: 2 }, NOW);
    expect(d.history.failures).toBe(0);
    expect(d.outcome).toBe('no_change');
  });

  it('the fallback count still respects rate policies', () => {
    const p = appConfig({ fallback: { machines: 20, afterFailures: 1 }, max: 30 });
    const d = decide(p, blind, emptyHistory(), NOW);
    expect(d.outcome).toBe('fallback');
    expect(d.desired).toBe(6); // max(2 x 2, 2 + 4)
  });
});

describe('step rules', () => {
  const policy = appConfig({
    targets: [],
    steps: [{ metric: 'cpu', above: 0.8, for: 120 * S, change: 2 }],
  });

  it('fire only after the condition held for `for`, then re-arm', () => {
    const hot = observe(cpuMachines([0.9, 0.9, 0.9]));
    const d1 = decide(policy, hot, emptyHistory(), NOW);
    expect(d1.desired).toBe(3);
    const d2 = decide(policy, hot, d1.history, NOW + 60 * S);
    expect(d2.desired).toBe(3);
    const d3 = decide(policy, hot, d2.history, NOW + 120 * S);
    expect(d3.desired, d3.explanation).toBe(5);
    expect(d3.proposals[0]?.metric).toMatch(/^step:/);
    // Re-armed: the next tick does not fire again.
    const d4 = decide(policy, observe(cpuMachines([0.9, 0.9, 0.9, 0.9, 0.9])), d3.history, NOW + 135 * S);
    expect(d4.desired).toBe(5);
  });

  it('a break in the condition resets the timer', () => {
    const d1 = decide(policy, observe(cpuMachines([0.9, 0.9, 0.9])), emptyHistory(), NOW);
    const d2 = decide(policy, observe(cpuMachines([0.5, 0.5, 0.5])), d1.history, NOW + 60 * S);
    const d3 = decide(policy, observe(cpuMachines([0.9, 0.9, 0.9])), d2.history, NOW + 120 * S);
    expect(d3.desired).toBe(3);
  });

  it('combine with target proposals by taking the largest', () => {
    const p = appConfig({ steps: [{ metric: 'cpu', above: 0.8, for: 0, change: 4 }] });
    const d = decide(p, observe(cpuMachines([0.9, 0.9])), emptyHistory(), NOW);
    // cpu target: ceil(1.8 x 2) = 4; step: 2 + 4 = 6.
    expect(d.proposals.map((x) => x.proposed)).toEqual([4, 6]);
    expect(d.desired).toBe(6);
  });
});

describe('cooldowns', () => {
  const policy = appConfig({
    cooldown: { up: 60 * S, down: 120 * S },
    behavior: { scaleDown: { stabilizationWindow: 0 } },
  });

  it('no scale-up within the up cooldown after any scale event', () => {
    const h: History = { ...emptyHistory(), lastScaleDown: NOW - 30 * S };
    const d = decide(policy, observe(cpuMachines([0.9, 0.9])), h, NOW);
    expect(d.desired).toBe(2);
    expect(d.steps.map((s) => s.reason)).toContain('CooldownUp');
  });

  it('scale-up once the up cooldown has passed', () => {
    const h: History = { ...emptyHistory(), lastScaleDown: NOW - 60 * S };
    expect(decide(policy, observe(cpuMachines([0.9, 0.9])), h, NOW).desired).toBe(4);
  });

  it('no scale-down within the down cooldown', () => {
    const h: History = { ...emptyHistory(), lastScaleUp: NOW - 90 * S };
    const d = decide(policy, observe(cpuMachines([0.1, 0.1, 0.1, 0.1])), h, NOW);
    expect(d.desired).toBe(4);
    expect(d.steps.map((s) => s.reason)).toContain('CooldownDown');
  });
});

describe('burst mode', () => {
  const policy = appConfig({
    burst: { threshold: 2, window: 60 * S },
    behavior: { scaleUp: { stabilizationWindow: 120 * S }, scaleDown: { stabilizationWindow: 0 } },
  });

  it('enters when a ratio exceeds the threshold and bypasses the up stabilization window', () => {
    const h: History = { ...emptyHistory(), recommendations: [{ at: NOW - 10 * S, desired: 2 }] };
    const d = decide(policy, observe(cpuMachines([1.2, 1.2])), h, NOW);
    // ratio 2.4 > 2 -> burst; without burst the up window would hold at 2.
    expect(d.history.burstUntil).toBe(NOW + 60 * S);
    expect(d.desired, d.explanation).toBe(5);
  });

  it('blocks scale-down while it lasts, and lets it happen after', () => {
    const h: History = { ...emptyHistory(), burstUntil: NOW + 30 * S };
    const during = decide(policy, observe(cpuMachines([0.1, 0.1, 0.1, 0.1])), h, NOW);
    expect(during.desired).toBe(4);
    expect(during.steps.map((s) => s.reason)).toContain('BurstNoScaleDown');
    const after = decide(policy, observe(cpuMachines([0.1, 0.1, 0.1, 0.1])), h, NOW + 30 * S);
    expect(after.desired).toBe(1);
  });

  it('below the threshold does not enter', () => {
    const d = decide(policy, observe(cpuMachines([0.9, 0.9])), emptyHistory(), NOW);
    expect(d.history.burstUntil).toBeUndefined();
  });
});

describe('warm pool', () => {
  it('is reported in the decision for the reconciler', () => {
    const d = decide(appConfig({ warmPool: 3 }), observe(cpuMachines([0.5])), emptyHistory(), NOW);
    expect(d.warmPool).toBe(3);
  });
});

describe('machines that are not running', () => {
  it('do not count toward current and are not measured', () => {
    const ms = [...cpuMachines([0.5, 0.5]), machine('stopped', { cpu: 0.99 }, { running: false })];
    const d = decide(appConfig(), observe(ms), emptyHistory(), NOW);
    expect(d.current).toBe(2);
    expect(d.desired).toBe(2);
  });
});
