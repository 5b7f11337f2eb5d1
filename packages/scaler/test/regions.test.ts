import { describe, expect, it } from 'vitest';
import { ANY_REGION, decide, emptyHistory } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { cpuMachines, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;

describe('per-region decisions', () => {
  const policy = appConfig({
    min: 2,
    max: 8,
    regions: {
      ams: { min: 1, max: 6, weight: 1 },
      ord: { min: 1, max: 6, weight: 1 },
    },
  });

  it('each region decides on its own observations and bounds', () => {
    const ms = [...cpuMachines([0.9, 0.9], 'ams'), ...cpuMachines([0.25, 0.25], 'ord')];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.currentByRegion).toEqual({ ams: 2, ord: 2 });
    // ams: ceil(1.8 x 2) = 4; ord: ratio 0.5 -> 1, but the 5-minute window (fresh) allows it.
    expect(d.desiredByRegion).toEqual({ ams: 4, ord: 1 });
    expect(d.desired).toBe(5);
    expect(d.history.regions?.ams?.recommendations).toHaveLength(1);
  });

  it("the app's max holds across regions", () => {
    const ms = [...cpuMachines([1, 1, 1], 'ams'), ...cpuMachines([1, 1, 1], 'ord')];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    // Each region wants 6; the app max is 8.
    expect(d.desired).toBe(8);
    expect(Object.values(d.desiredByRegion).reduce((a, b) => a + b, 0)).toBe(8);
    expect(d.steps.at(-1)?.reason).toBe('AppMaxAcrossRegions');
  });

  it('without regions the decision is for one implicit region', () => {
    const d = decide(appConfig(), observe(cpuMachines([0.5, 0.5])), emptyHistory(), NOW);
    expect(d.desiredByRegion).toEqual({ [ANY_REGION]: 2 });
    expect(d.history.regions).toBeUndefined();
  });

  it("the app's min holds across regions: the shortfall goes where there is most room", () => {
    const p = appConfig({
      min: 5,
      max: 10,
      regions: { ams: { min: 1, max: 2, weight: 1 }, ord: { min: 1, max: 6, weight: 1 } },
      behavior: { scaleDown: { stabilizationWindow: 0 } },
    });
    const ms = [...cpuMachines([0.1, 0.1], 'ams'), ...cpuMachines([0.1, 0.1, 0.1], 'ord')];
    const d = decide(p, observe(ms), emptyHistory(), NOW);
    expect(d.desired).toBe(5);
    expect(d.desiredByRegion).toEqual({ ams: 1, ord: 4 });
    expect(d.steps.at(-1)?.reason).toBe('AppMinAcrossRegions');
  });

  it('keeps a separate history per region', () => {
    const ms = [...cpuMachines([0.9, 0.9], 'ams'), ...cpuMachines([0.5, 0.5], 'ord')];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.history.regions?.ams?.events).toEqual([{ at: NOW, from: 2, to: 4 }]);
    expect(d.history.regions?.ord?.events).toEqual([]);
    expect(d.history.events).toEqual([]);
  });
});
