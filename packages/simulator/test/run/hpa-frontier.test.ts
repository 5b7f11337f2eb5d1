import { fileURLToPath } from 'node:url';
import { loadConfigOrThrow } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { HPA_FRONTIER_TARGETS, simulate } from '../../src/index.js';
import { diurnalTrace } from '../helpers/synthetic-trace.js';

const cpu = loadConfigOrThrow(fileURLToPath(new URL('../fixtures/policy.cpu-target.yaml', import.meta.url)), {
  checkEnv: false,
});

describe('the hpa-frontier baseline', () => {
  it('runs hpa-default at 40%..90% CPU and prices every scorecard against it and the oracle', async () => {
    const trace = diurnalTrace(0.25, 3);
    const r = await simulate({
      config: cpu,
      trace,
      peakMachines: 8,
      baselines: ['hpa-default', 'oracle', 'hpa-frontier'],
    });
    const frontier = r.hpaFrontier ?? [];
    expect(frontier.map((p) => p.cpuTarget)).toEqual([
      0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9,
    ]);
    expect(frontier.map((p) => p.cpuTarget)).toEqual(HPA_FRONTIER_TARGETS);
    const by = Object.fromEntries(r.scorecards.map((c) => [c.policy, c]));
    const hpa = by['hpa-default'];
    // hpa-default is the frontier's 70% point.
    expect(frontier[6]).toEqual({
      cpuTarget: 0.7,
      machineSeconds: hpa?.machineSeconds,
      sloViolationMinuteShare: hpa?.sloViolationMinuteShare,
    });
    // A lower CPU target runs more machines.
    expect(frontier[0]?.machineSeconds).toBeGreaterThan(frontier[10]?.machineSeconds ?? Infinity);
    // A point of the frontier costs at most itself at its own share.
    expect(hpa?.isoSloCostVsHpa).toBeLessThanOrEqual(1);
    expect(by.oracle?.costVsOracle).toBe(1);
    for (const c of r.scorecards) {
      expect(c.costVsOracle).toBeCloseTo(c.machineSeconds / (by.oracle?.machineSeconds ?? 0), 12);
      expect(c.isoSloCostVsHpa).toBeGreaterThan(0);
      expect(typeof c.beyondFrontier).toBe('boolean');
    }
  });

  it('is left out unless asked for', async () => {
    const r = await simulate({ config: cpu, trace: diurnalTrace(0.05, 3), baselines: ['hpa-default'] });
    expect(r.hpaFrontier).toBeUndefined();
    expect(r.scorecards[0]).not.toHaveProperty('isoSloCostVsHpa');
    expect(r.scorecards[0]).not.toHaveProperty('costVsOracle');
  });
});
