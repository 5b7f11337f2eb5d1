/**
 * HPA's scale-up and scale-down limits (calculateScaleUpLimitWithScalingRules /
 * calculateScaleDownLimitWithBehaviors), table-driven from the cases the
 * Kubernetes HPA controller family tests.
 */
import type { RatePolicy, ScalingRules } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { scaleDownLimit, scaleUpLimit } from '../src/behavior/rate-limit.js';
import type { ScaleEvent } from '../src/index.js';

const NOW = 1_700_000_000_000;
const S = 1000;
const machines = (value: number, seconds: number): RatePolicy => ({
  type: 'machines',
  value,
  period: seconds * S,
});
const percent = (p: number, seconds: number): RatePolicy => ({
  type: 'percent',
  value: p / 100,
  period: seconds * S,
});
const rules = (policies: RatePolicy[], select: ScalingRules['select'] = 'max'): ScalingRules => ({
  stabilizationWindow: 0,
  select,
  policies,
  tolerance: 0.1,
});

interface Case {
  name: string;
  current: number;
  events?: ScaleEvent[];
  rules: ScalingRules;
  want: number;
}

const up: Case[] = [
  { name: 'no previous events: 5 + 4', current: 5, rules: rules([machines(4, 60)]), want: 9 },
  {
    name: 'a +2 event 30s ago counts: (5 - 2) + 4',
    current: 5,
    events: [{ at: NOW - 30 * S, from: 3, to: 5 }],
    rules: rules([machines(4, 60)]),
    want: 7,
  },
  { name: 'disabled: current', current: 5, rules: rules([machines(4, 60)], 'disabled'), want: 5 },
  {
    name: 'select min: +2 beats +4',
    current: 5,
    rules: rules([machines(4, 60), machines(2, 60)], 'min'),
    want: 7,
  },
  { name: 'percent 50% of 10 -> 15', current: 10, rules: rules([percent(50, 60)]), want: 15 },
  // HPA computes ceil(float64(25) * (1 + float64(12)/100)) = ceil(28.000000000000004) = 29, not 28.
  {
    name: 'percent rounds up with HPA float64 arithmetic: 25 x 1.12 -> 29',
    current: 25,
    rules: rules([percent(12, 60)]),
    want: 29,
  },
];

const down: Case[] = [
  { name: 'no previous events: 10 x 0.8', current: 10, rules: rules([percent(20, 60)]), want: 8 },
  {
    name: 'a -1 event 30s ago counts: int(11 x 0.8) = 8',
    current: 10,
    events: [{ at: NOW - 30 * S, from: 11, to: 10 }],
    rules: rules([percent(20, 60)]),
    want: 8,
  },
  {
    name: 'several policies, select max (largest change): min(90, 95)',
    current: 100,
    rules: rules([percent(10, 60), machines(5, 60)]),
    want: 90,
  },
  { name: 'disabled: current', current: 10, rules: rules([percent(20, 60)], 'disabled'), want: 10 },
  {
    name: 'select min (smallest change): max(90, 85)',
    current: 100,
    rules: rules([percent(10, 60), machines(15, 60)], 'min'),
    want: 90,
  },
];

describe('HPA scale-up limit', () => {
  for (const c of up) {
    it(c.name, () => {
      const got = scaleUpLimit(c.current, c.events ?? [], c.rules, NOW).limit;
      expect(got, `got ${got} want ${c.want}`).toBe(c.want);
    });
  }
});

describe('HPA scale-down limit', () => {
  for (const c of down) {
    it(c.name, () => {
      const got = scaleDownLimit(c.current, c.events ?? [], c.rules, NOW).limit;
      expect(got, `got ${got} want ${c.want}`).toBe(c.want);
    });
  }
});
