import { fileURLToPath } from 'node:url';
import { loadConfigOrThrow } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { REACTIVE_IDEAL_HOLDS, simulate } from '../../src/index.js';
import type { ControllerInput } from '../../src/run/controller.js';
import { reactiveIdealController } from '../../src/run/reactive-ideal.js';
import { traceOf } from '../helpers/synthetic-trace.js';

function at(tick: number): ControllerInput {
  return { t: tick * 5000, tick, machines: [], observations: { app: 'web', machines: [] } };
}

describe('the reactive-ideal controller', () => {
  const ideal = [Int32Array.from([1, 2, 8, 3, 1, 1, 1]), Int32Array.from([1, 1, 4, 1, 1, 1, 1])];

  it('asks one tick late for what the last completed tick needed, from a warm pool as large as max', () => {
    const c = reactiveIdealController(['ams', 'iad'], ideal, 0, 1, 20);
    expect(c.tick(at(2))).toEqual({ desired: { ams: 2, iad: 1 }, warmPool: 20 });
    expect(c.tick(at(3)).desired).toEqual({ ams: 8, iad: 4 });
    expect(c.tick(at(4)).desired).toEqual({ ams: 3, iad: 1 });
  });

  it('holds the most any tick within the hold needed before scaling down', () => {
    const c = reactiveIdealController(['ams', 'iad'], ideal, 2, 1, 20);
    expect(c.tick(at(5)).desired).toEqual({ ams: 8, iad: 4 });
    expect(c.tick(at(6)).desired).toEqual({ ams: 3, iad: 1 });
  });

  it('stays within max and min', () => {
    expect(reactiveIdealController(['ams', 'iad'], ideal, 0, 1, 6).tick(at(3)).desired).toEqual({
      ams: 4,
      iad: 2,
    });
    expect(reactiveIdealController(['ams'], [Int32Array.from([0, 0])], 0, 2, 6).tick(at(0)).desired).toEqual({
      ams: 2,
    });
  });
});

const cpu = loadConfigOrThrow(fileURLToPath(new URL('../fixtures/policy.cpu-target.yaml', import.meta.url)), {
  checkEnv: false,
});

describe('the reactive-ideal baseline', () => {
  // 1 s rows: a quiet level with a 3x step for 30 s every 10 minutes.
  const trace = traceOf(3 * 3600, 1, (t) => (t % 600 >= 300 && t % 600 < 330 ? 300 : 100));

  it('runs per hold; a step it has not seen costs minutes that only a long hold buys back', async () => {
    const r = await simulate({
      config: cpu,
      trace,
      peakMachines: 6,
      baselines: ['oracle', 'reactive-ideal'],
    });
    const bound = r.reactiveIdeal ?? [];
    expect(bound.map((p) => p.holdSeconds)).toEqual(REACTIVE_IDEAL_HOLDS);
    const oracle = r.scorecards.find((c) => c.policy === 'oracle');
    expect(oracle?.sloViolationMinuteShare).toBe(0);
    const noHold = bound[0];
    const longest = bound[bound.length - 1];
    // Reacting after the fact, every step's first seconds overload the fleet.
    expect(noHold?.sloViolationMinuteShare).toBeGreaterThan(0.05);
    // Holding across the 10-minute gaps keeps the step's machines: no step is seen unprepared after the first.
    expect(longest?.sloViolationMinuteShare).toBeLessThan(noHold?.sloViolationMinuteShare ?? 0);
    expect(longest?.machineSeconds).toBeGreaterThan(noHold?.machineSeconds ?? Infinity);
    for (let i = 1; i < bound.length; i++)
      expect(bound[i]?.machineSeconds).toBeGreaterThanOrEqual(bound[i - 1]?.machineSeconds ?? Infinity);
  });

  it('is left out unless asked for', async () => {
    const r = await simulate({ config: cpu, trace: traceOf(600, 1, () => 100), baselines: ['oracle'] });
    expect(r.reactiveIdeal).toBeUndefined();
  });
});
