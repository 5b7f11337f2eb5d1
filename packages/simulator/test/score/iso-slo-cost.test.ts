import { describe, expect, it } from 'vitest';
import { type FrontierPoint, frontierCostAt, isoSloCost } from '../../src/index.js';

const point = (
  cpuTarget: number,
  machineSeconds: number,
  sloViolationMinuteShare: number,
): FrontierPoint => ({
  cpuTarget,
  machineSeconds,
  sloViolationMinuteShare,
});

// The usual shape: a higher CPU target runs fewer machines and violates more.
const frontier = [point(0.4, 1000, 0), point(0.5, 900, 0.01), point(0.6, 800, 0.03), point(0.7, 700, 0.07)];

describe('frontierCostAt', () => {
  it('reads a point of the frontier at its own share', () => {
    expect(frontierCostAt(frontier, 0.01)).toBe(900);
    expect(frontierCostAt(frontier, 0)).toBe(1000);
  });

  it('interpolates linearly between neighbouring targets', () => {
    expect(frontierCostAt(frontier, 0.02)).toBeCloseTo(850, 9);
    expect(frontierCostAt(frontier, 0.06)).toBeCloseTo(725, 9);
  });

  it('takes the cheapest point when several targets tie on share', () => {
    const tied = [point(0.4, 1000, 0.01), point(0.45, 950, 0.01), point(0.5, 900, 0.02)];
    expect(frontierCostAt(tied, 0.01)).toBe(950);
  });

  it('takes the lower envelope when a cheaper target also violates less (noise)', () => {
    const bumpy = [point(0.4, 1000, 0.02), point(0.5, 800, 0.01), point(0.6, 900, 0.03)];
    // At 0.02 both the 40% point (1000) and the 50% point (800, 0.01) qualify.
    expect(frontierCostAt(bumpy, 0.02)).toBe(800);
  });

  it('is undefined below the least-violating point', () => {
    expect(frontierCostAt([point(0.4, 1000, 0.005)], 0.001)).toBeUndefined();
  });
});

describe('isoSloCost', () => {
  it("divides by HPA at the policy's own violation share", () => {
    expect(isoSloCost(frontier, { machineSeconds: 765, sloViolationMinuteShare: 0.02 })).toEqual({
      hpaMachineSeconds: 850,
      isoSloCostVsHpa: 0.9,
      beyondFrontier: false,
    });
  });

  it('marks a policy that violates less than every frontier point as beyond the frontier', () => {
    const least = [point(0.4, 1000, 0.005), point(0.45, 980, 0.005), point(0.5, 900, 0.02)];
    expect(isoSloCost(least, { machineSeconds: 1176, sloViolationMinuteShare: 0 })).toEqual({
      hpaMachineSeconds: 980,
      isoSloCostVsHpa: 1.2,
      beyondFrontier: true,
    });
  });

  it('compares a policy that violates more than every point with the cheapest point', () => {
    expect(isoSloCost(frontier, { machineSeconds: 770, sloViolationMinuteShare: 0.5 })).toEqual({
      hpaMachineSeconds: 700,
      isoSloCostVsHpa: 1.1,
      beyondFrontier: false,
    });
  });

  it('has nothing to say without a frontier', () => {
    expect(isoSloCost([], { machineSeconds: 1, sloViolationMinuteShare: 0 })).toBeUndefined();
  });
});
