/**
 * HPA behavior: stabilization windows (min over the up window, max over the
 * down window), rate policies counting changes already made in the period,
 * select max/min/disabled, then min/max, each with its reason.
 */
import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, type History, type StepReason } from '../src/index.js';
import { type AppOverrides, appConfig } from './support/app-config.js';
import { cpuMachines, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;
const S = 1000;

/** cpu utilisations that make the cpu target (50%) propose exactly `want` machines from `n`. */
function loadFor(n: number, want: number): number[] {
  return Array(n).fill((0.5 * want) / n);
}

interface Case {
  name: string;
  policy?: AppOverrides;
  current: number;
  proposal: number;
  history?: Partial<History>;
  want: number;
  reason: StepReason;
}

const cases: Case[] = [
  {
    name: 'default scale-up: max(+100%, +4) per 15s from 2 -> 6',
    current: 2,
    proposal: 10,
    want: 6,
    reason: 'ScaleUpLimit',
  },
  {
    name: 'default scale-up from 10: +100% wins -> 20',
    current: 10,
    proposal: 40,
    policy: { max: 100 },
    want: 20,
    reason: 'ScaleUpLimit',
  },
  {
    name: 'max below the rate limit -> TooManyMachines',
    current: 4,
    proposal: 12,
    policy: { max: 7 },
    want: 7,
    reason: 'TooManyMachines',
  },
  {
    name: 'within range -> DesiredWithinRange',
    current: 4,
    proposal: 6,
    want: 6,
    reason: 'DesiredWithinRange',
  },
  {
    name: 'changes already made in the period count: +4 in the last 15s from 1 -> no more',
    current: 5,
    proposal: 10,
    history: { events: [{ at: NOW - 10 * S, from: 1, to: 5 }] },
    want: 5,
    reason: 'ScaleUpLimit',
  },
  {
    name: 'an event older than the period does not count: from 5, max(+100%, +4) -> 10',
    current: 5,
    proposal: 12,
    history: { events: [{ at: NOW - 15 * S, from: 1, to: 5 }] },
    want: 10,
    reason: 'ScaleUpLimit',
  },
  {
    name: 'select min picks the smallest change (+1 machine vs +100%)',
    current: 4,
    proposal: 10,
    policy: {
      behavior: {
        scaleUp: {
          select: 'min',
          policies: [
            { type: 'machines', value: 1, period: 60 * S },
            { type: 'percent', value: 1, period: 60 * S },
          ],
        },
      },
    },
    want: 5,
    reason: 'ScaleUpLimit',
  },
  {
    name: 'scale-up disabled -> keep current',
    current: 4,
    proposal: 10,
    policy: { behavior: { scaleUp: { select: 'disabled' } } },
    want: 4,
    reason: 'ScaleUpLimit',
  },
  {
    name: 'percent scale-down rounds down: 10 x (1 - 10%) = 9',
    current: 10,
    proposal: 2,
    policy: {
      behavior: {
        scaleDown: { stabilizationWindow: 0, policies: [{ type: 'percent', value: 0.1, period: 60 * S }] },
      },
    },
    want: 9,
    reason: 'ScaleDownLimit',
  },
  {
    name: 'scale-down machines policy counts removals already made: -2 per 60s, 2 removed -> none',
    current: 8,
    proposal: 2,
    policy: {
      behavior: {
        scaleDown: { stabilizationWindow: 0, policies: [{ type: 'machines', value: 2, period: 60 * S }] },
      },
    },
    history: { events: [{ at: NOW - 30 * S, from: 10, to: 8 }] },
    want: 8,
    reason: 'ScaleDownLimit',
  },
  {
    name: 'default scale-down (100% per 15s) stops at min -> TooFewMachines',
    current: 6,
    proposal: 1,
    policy: { min: 3, behavior: { scaleDown: { stabilizationWindow: 0 } } },
    want: 3,
    reason: 'TooFewMachines',
  },
  {
    name: 'scale-down disabled -> keep current',
    current: 6,
    proposal: 2,
    policy: { behavior: { scaleDown: { stabilizationWindow: 0, select: 'disabled' } } },
    want: 6,
    reason: 'ScaleDownLimit',
  },
];

describe('rate policies and bounds', () => {
  for (const c of cases) {
    it(c.name, () => {
      const policy = appConfig({ max: 50, ...c.policy });
      const history: History = { ...emptyHistory(), ...c.history };
      const d = decide(policy, observe(cpuMachines(loadFor(c.current, c.proposal))), history, NOW);
      expect(d.proposals[0]?.proposed, `proposal ${d.proposals[0]?.formula}`).toBe(c.proposal);
      expect(d.desired, `got ${d.desired} want ${c.want}: ${d.explanation}`).toBe(c.want);
      const last = d.steps.at(-1);
      expect(last?.reason, `got ${last?.reason} want ${c.reason}`).toBe(c.reason);
    });
  }
});

describe('stabilization windows', () => {
  it('scale-down takes the highest recommendation of the last 5 minutes', () => {
    const history: History = {
      ...emptyHistory(),
      recommendations: [
        { at: NOW - 200 * S, desired: 8 },
        { at: NOW - 100 * S, desired: 6 },
      ],
    };
    const d = decide(appConfig(), observe(cpuMachines(loadFor(8, 3))), history, NOW);
    expect(d.desired).toBe(8);
    expect(d.steps.find((s) => s.stage === 'stabilization')?.reason).toBe('ScaleDownStabilized');
  });

  it('a recommendation exactly at the window edge no longer counts', () => {
    const history: History = { ...emptyHistory(), recommendations: [{ at: NOW - 300 * S, desired: 8 }] };
    const d = decide(appConfig(), observe(cpuMachines(loadFor(8, 3))), history, NOW);
    expect(d.desired).toBe(3);
  });

  it('scale-up takes the lowest recommendation of the up window', () => {
    const policy = appConfig({ behavior: { scaleUp: { stabilizationWindow: 60 * S } } });
    const history: History = { ...emptyHistory(), recommendations: [{ at: NOW - 30 * S, desired: 5 }] };
    const d = decide(policy, observe(cpuMachines(loadFor(4, 8))), history, NOW);
    expect(d.desired, d.explanation).toBe(5);
    expect(d.steps.find((s) => s.stage === 'stabilization')?.reason).toBe('ScaleUpStabilized');
  });

  it('never moves against the current count: up floor below current keeps current', () => {
    const policy = appConfig({ behavior: { scaleUp: { stabilizationWindow: 60 * S } } });
    const history: History = { ...emptyHistory(), recommendations: [{ at: NOW - 30 * S, desired: 2 }] };
    const d = decide(policy, observe(cpuMachines(loadFor(4, 8))), history, NOW);
    expect(d.desired).toBe(4);
  });

  it('records the unstabilized proposal and prunes those outside every window', () => {
    const history: History = {
      ...emptyHistory(),
      recommendations: [
        { at: NOW - 400 * S, desired: 9 },
        { at: NOW - 100 * S, desired: 6 },
      ],
    };
    const d = decide(appConfig(), observe(cpuMachines(loadFor(6, 3))), history, NOW);
    expect(d.history.recommendations).toEqual([
      { at: NOW - 100 * S, desired: 6 },
      { at: NOW, desired: 3 },
    ]);
  });

  it('records a scale event for the rate policies of the next ticks', () => {
    const d = decide(appConfig(), observe(cpuMachines(loadFor(2, 5))), emptyHistory(), NOW);
    expect(d.history.events).toEqual([{ at: NOW, from: 2, to: 5 }]);
    expect(d.history.lastScaleUp).toBe(NOW);
    // Next tick, 5 s later, the +3 already made counts: from 5, periodStart 2 -> limit max(4, 6) = 6.
    const next = decide(appConfig(), observe(cpuMachines(loadFor(5, 20))), d.history, NOW + 5 * S);
    expect(next.desired, next.explanation).toBe(6);
  });
});

describe('outside [min, max] the count goes straight to the bound (HPA)', () => {
  it('above max -> max, regardless of rate policies', () => {
    const d = decide(appConfig({ max: 3 }), observe(cpuMachines(loadFor(8, 8))), emptyHistory(), NOW);
    expect(d.desired).toBe(3);
    expect(d.steps[0]?.reason).toBe('TooManyMachines');
  });
  it('below min -> min', () => {
    const d = decide(appConfig({ min: 4 }), observe(cpuMachines(loadFor(2, 2))), emptyHistory(), NOW);
    expect(d.desired).toBe(4);
    expect(d.steps[0]?.reason).toBe('TooFewMachines');
  });
});
