import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, type History } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { machine, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;
const S = 1000;

const policy = appConfig({
  min: 0,
  targets: [{ type: 'rps', perMachine: 10 }],
  scaleToZero: { enabled: true, activationRps: 0.5, idleAfter: 300 * S },
});

describe('scale to zero', () => {
  it('stays at zero while the edge sees no more than the activation threshold', () => {
    const d = decide(policy, observe([], 0.5), emptyHistory(), NOW);
    expect(d.desired).toBe(0);
    expect(d.steps.map((s) => s.reason)).toContain('StayAtZero');
  });

  it('wakes from zero when edge rps exceeds the activation threshold, sized by the rps target', () => {
    const d = decide(policy, observe([], 25), emptyHistory(), NOW);
    expect(d.desired).toBe(3); // ceil(25 / 10)
    expect(d.outcome).toBe('scale_up');
    expect(d.steps.map((s) => s.reason)).toContain('ActivateFromZero');
  });

  it('goes to zero only after idleAfter without requests', () => {
    const idle = observe([machine('a', { rps: 0 })], 0);
    const d1 = decide(policy, idle, emptyHistory(), NOW);
    expect(d1.desired).toBe(1);
    expect(d1.history.lastActiveAt).toBe(NOW);
    const d2 = decide(policy, idle, d1.history, NOW + 299 * S);
    expect(d2.desired).toBe(1);
    const d3 = decide(policy, idle, d2.history, NOW + 300 * S);
    expect(d3.desired, d3.explanation).toBe(0);
    expect(d3.steps.map((s) => s.reason)).toContain('ScaleToZero');
  });

  it('any request restarts the idle clock', () => {
    const h: History = { ...emptyHistory(), lastActiveAt: NOW - 400 * S };
    const d = decide(policy, observe([machine('a', { rps: 0.1 })], 0.1), h, NOW);
    expect(d.desired).toBe(1);
    expect(d.history.lastActiveAt).toBe(NOW);
  });

  it('does not go to zero when min is above zero', () => {
    const p = appConfig({ ...policy, min: 1 });
    const h: History = { ...emptyHistory(), lastActiveAt: NOW - 400 * S };
    expect(decide(p, observe([machine('a', { rps: 0 })], 0), h, NOW).desired).toBe(1);
  });

  it('without scale to zero, an app at zero with min 0 stays there', () => {
    const p = appConfig({ min: 0, targets: [{ type: 'rps', perMachine: 10 }] });
    expect(decide(p, observe([], 100), emptyHistory(), NOW).desired).toBe(0);
  });
});
