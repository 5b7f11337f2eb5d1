/**
 * The stages `decideScope` composes, each on its own: what it reports and
 * when it stays silent. The decision-level tests hold the composed result.
 */
import { describe, expect, it } from 'vitest';
import { metricDesired } from '../src/scope/metric-desired.js';
import { scopeRule } from '../src/scope/scope-rules.js';
import type { ScopeInput } from '../src/scope/scope-types.js';
import { settlingHold, stabilization } from '../src/scope/stabilization-stage.js';
import { note, StepLog } from '../src/scope/step-log.js';
import type { MetricProposal } from '../src/types.js';
import { appConfig } from './support/app-config.js';
import { cpuMachines } from './support/machines.js';

const NOW = 1_700_000_000_000;
const S = 1000;

function proposal(metric: string, proposed: number | undefined): MetricProposal {
  return {
    metric,
    status: proposed === undefined ? 'invalid' : 'ok',
    readyCount: 1,
    missingCount: 0,
    unreadyCount: 0,
    formula: '',
    ...(proposed === undefined ? {} : { proposed }),
  };
}

describe('the step log', () => {
  it('writes steps with the keys in the decision JSON order, the region after the message', () => {
    const plain = new StepLog(undefined);
    plain.add(note('rate', 'DesiredWithinRange', 2, 3, 'within range', { limit: 4 }));
    plain.add(note('metrics', 'NoUsableMetrics', 2, 2, 'no usable metric -> keep current'));
    expect(JSON.stringify(plain.steps)).toBe(
      '[{"stage":"rate","reason":"DesiredWithinRange","before":2,"after":3,"message":"within range","numbers":{"limit":4}},' +
        '{"stage":"metrics","reason":"NoUsableMetrics","before":2,"after":2,"message":"no usable metric -> keep current"}]',
    );
    const regional = new StepLog('ams');
    regional.add(note('rate', 'DesiredWithinRange', 2, 3, 'within range', { limit: 4 }));
    expect(JSON.stringify(regional.steps)).toBe(
      '[{"stage":"rate","reason":"DesiredWithinRange","before":2,"after":3,"message":"within range","region":"ams","numbers":{"limit":4}}]',
    );
  });

  it('moves the count to the after of a reported step and keeps it without one', () => {
    const log = new StepLog(undefined);
    expect(log.apply(undefined, 5)).toBe(5);
    expect(log.apply(note('cooldown', 'CooldownDown', 3, 5, 'hold'), 3)).toBe(5);
    expect(log.steps).toHaveLength(1);
  });
});

describe('the rules that decide a scope by themselves', () => {
  const scope = (over: Partial<ScopeInput>): ScopeInput => ({
    policy: appConfig({ min: 0, fallback: { machines: 4, afterFailures: 3 } }),
    machines: cpuMachines([0.5, 0.5]),
    min: 0,
    max: 6,
    history: { recommendations: [], events: [] },
    now: NOW,
    ...over,
  });

  it.each([
    [
      'wakes a scope at zero, at most to max',
      { machines: [], zero: { wake: 9, idle: false, allowed: true } },
      'ActivateFromZero',
      6,
    ],
    [
      'keeps a scope at zero without requests',
      { machines: [], zero: { idle: true, allowed: true } },
      'StayAtZero',
      0,
    ],
    ['takes a count above max straight to max', { max: 1, fallback: 4 }, 'TooManyMachines', 1],
    [
      'takes a count below min straight to min',
      { min: 3, zero: { idle: true, allowed: true } },
      'TooFewMachines',
      3,
    ],
    [
      'runs the fallback before the idle rule',
      { fallback: 4, zero: { idle: true, allowed: true } },
      'Fallback',
      4,
    ],
    ['takes an idle running scope to zero', { zero: { idle: true, allowed: true } }, 'ScaleToZero', 0],
  ] as const)('%s', (_name, over, reason, after) => {
    const input = scope(over);
    const rule = scopeRule(input, input.machines.length);
    expect(rule?.note.reason).toBe(reason);
    expect(rule?.note.after).toBe(after);
  });

  it('leaves a running scope within its bounds, not in fallback nor idle, to the metrics', () => {
    expect(scopeRule(scope({ zero: { idle: true, allowed: false } }), 2)).toBeUndefined();
  });

  it('puts the fallback and the idle rule (not the others) through the rate policies', () => {
    expect(scopeRule(scope({ fallback: 4, min: 1 }), 2)).toMatchObject({ rateMin: 1, fallback: true });
    expect(scopeRule(scope({ zero: { idle: true, allowed: true } }), 2)?.rateMin).toBe(0);
    expect(scopeRule(scope({ max: 1 }), 2)?.rateMin).toBeUndefined();
  });
});

describe('the metric recommendation', () => {
  it('is the largest proposal', () => {
    expect(metricDesired([proposal('cpu', 3), proposal('rps', 5)], 0, 4, true)).toBe(5);
  });

  it('keeps the count, saying so, when no target proposes (silently without targets)', () => {
    const none = metricDesired([proposal('cpu', undefined)], 1, 4, true);
    expect(none).toMatchObject({ keep: { reason: 'NoUsableMetrics', after: 4 } });
    expect(metricDesired([], 0, 4, false)).toEqual({ keep: undefined });
  });

  it('does not scale down while a metric is invalid, and names it', () => {
    const held = metricDesired([proposal('cpu', 2), proposal('latency:p99', undefined)], 1, 4, true);
    expect(held).toMatchObject({
      keep: {
        reason: 'InvalidMetricNoScaleDown',
        before: 2,
        after: 4,
        message: 'latency:p99 invalid -> no scale-down, keep 4',
      },
    });
  });
});

describe('stabilization', () => {
  const behavior = appConfig({
    behavior: { scaleUp: { stabilizationWindow: 60 * S }, scaleDown: { stabilizationWindow: 300 * S } },
  }).behavior;
  const recent = [{ at: NOW - 30 * S, desired: 8 }];

  it('reports nothing when the windows leave the recommendation as it is', () => {
    expect(stabilization([], 5, 4, NOW, behavior, false)).toEqual({ note: undefined, downLimit: 5 });
  });

  it('holds a scale-down at the highest recommendation of the down window', () => {
    const s = stabilization(recent, 3, 6, NOW, behavior, false);
    expect(s.note).toMatchObject({ reason: 'ScaleDownStabilized', before: 3, after: 6 });
    expect(s.downLimit).toBe(8);
  });

  it('drops the scale-up window in burst mode', () => {
    const low = [{ at: NOW - 30 * S, desired: 2 }];
    expect(stabilization(low, 9, 4, NOW, behavior, false).note?.message).toBe(
      'lowest recommendation in the last 60s is 2 -> 4',
    );
    expect(stabilization(low, 9, 4, NOW, behavior, true).note).toBeUndefined();
  });

  it('lets a capacity-mode scale-down settle while higher recommendations leave the window', () => {
    const falling = [{ at: NOW - 310 * S, desired: 9 }];
    expect(settlingHold(falling, 5, 5, 8, NOW, 300 * S, true)).toMatchObject({
      reason: 'ScaleDownSettling',
      after: 8,
    });
    expect(settlingHold(falling, 5, 5, 8, NOW, 300 * S, false)).toBeUndefined();
  });
});
