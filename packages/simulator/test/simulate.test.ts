import { fileURLToPath } from 'node:url';
import { loadConfigOrThrow } from '@governor/config';
import { describe, expect, it } from 'vitest';
import { simulate } from '../src/index.js';
import { diurnalTrace, spikeTrace, stepTrace, traceOf } from './helpers/synthetic-trace.js';

const fixture = (name: string) =>
  loadConfigOrThrow(fileURLToPath(new URL(`fixtures/${name}`, import.meta.url)), { checkEnv: false });
const cpu = fixture('policy.cpu-target.yaml');
const HOUR = 3600;

describe('simulate', () => {
  it('scores the policy and the three baselines on the same trace', async () => {
    const r = await simulate({ config: cpu, trace: stepTrace(2 * HOUR, 40, 160, HOUR, 1.5 * HOUR) });
    expect(r.scorecards.map((c) => [c.policy, c.kind])).toEqual([
      ['web', 'policy'],
      ['hpa-default', 'baseline'],
      ['fly-autoscaler', 'baseline'],
      ['oracle', 'baseline'],
    ]);
    for (const c of r.scorecards) {
      expect(c.scoredSeconds).toBe(2 * HOUR);
      expect(c.machineSeconds).toBeGreaterThan(0);
    }
  });

  it('is deterministic: the same inputs give byte-identical JSON (scorecards, frontier and series)', async () => {
    const trace = diurnalTrace(0.1, 7);
    const baselines = ['hpa-default', 'fly-autoscaler', 'oracle', 'hpa-frontier'] as const;
    const a = JSON.stringify(await simulate({ config: cpu, trace, peakMachines: 8, baselines }));
    const b = JSON.stringify(await simulate({ config: cpu, trace, peakMachines: 8, baselines }));
    expect(a).toContain('"hpaFrontier"');
    expect(b).toBe(a);
  });

  it('simulates masked rows but leaves them out of every score', async () => {
    const trace = traceOf(
      (2 * HOUR) / 10,
      10,
      () => 60,
      (t) => t >= 1800 && t < 3600,
    );
    const r = await simulate({ config: cpu, trace });
    for (const c of r.scorecards) expect(c.scoredSeconds).toBe(1.5 * HOUR);
    expect(r.trace.maskedRows).toBe(180);
  });

  it('rescales the trace so that its peak needs --peak-machines machines', async () => {
    const r = await simulate({
      config: cpu,
      trace: stepTrace(HOUR, 10, 50, 600, 1200),
      peakMachines: 12,
      baselines: [],
    });
    expect(Math.ceil(r.trace.peakRps / r.perMachineRps)).toBe(12);
    expect(Math.max(...r.series.ideal)).toBe(12);
  });

  it('after a load step, the oracle is ready in time while reactive policies lag, and all catch up', async () => {
    const r = await simulate({ config: cpu, trace: stepTrace(2 * HOUR, 30, 240, HOUR, 1.5 * HOUR) });
    const by = Object.fromEntries(r.scorecards.map((c) => [c.policy, c]));
    expect(by.oracle?.reaction.steps).toBe(1);
    expect(by.oracle?.reaction.maxSeconds).toBe(0);
    expect(by.oracle?.sloViolationSeconds).toBe(0);
    expect(by['hpa-default']?.reaction.maxSeconds).toBeGreaterThan(0);
    expect(by['hpa-default']?.reaction.maxSeconds).toBeLessThan(600);
    expect(by['hpa-default']?.sloViolationSeconds).toBeGreaterThan(0);
  });

  it('hpa-default holds machines for its 5-minute scale-down stabilization; fly-autoscaler does not', async () => {
    const r = await simulate({
      config: cpu,
      trace: spikeTrace(3 * HOUR, 30, 5, HOUR, 600),
      baselines: ['hpa-default', 'fly-autoscaler'],
    });
    const by = Object.fromEntries(r.scorecards.map((c) => [c.policy, c]));
    expect(by['hpa-default']?.overProvisionedMachineSeconds).toBeGreaterThan(
      by['fly-autoscaler']?.overProvisionedMachineSeconds ?? 0,
    );
  });

  it('with predictive scaling, a daily spike hurts less than with the same policy without it', async () => {
    const DAY = 86_400;
    const spike = (t: number) => (t % DAY >= 12 * HOUR && t % DAY < 12 * HOUR + 900 ? 200 : 40);
    const trace = traceOf((4 * DAY) / 10, 10, spike);
    const on = await simulate({ config: fixture('policy.predictive-daily.yaml'), trace, baselines: [] });
    const off = await simulate({ config: fixture('policy.predictive-off.yaml'), trace, baselines: [] });
    const [p] = on.scorecards;
    const [q] = off.scorecards;
    expect(p?.sloViolationSeconds).toBeLessThan(q?.sloViolationSeconds ?? 0);
    expect(p?.reaction.medianSeconds).toBeLessThan(q?.reaction.medianSeconds ?? 0);
  });
});

describe('simulate with regions', () => {
  it("splits the load by the app's region weights and scores the fleet across regions", async () => {
    const config = fixture('policy.two-regions.yaml');
    const r = await simulate({ config, trace: stepTrace(2 * HOUR, 60, 300, HOUR, 1.5 * HOUR) });
    expect(r.regions.ams).toBeCloseTo(2 / 3, 9);
    expect(r.regions.iad).toBeCloseTo(1 / 3, 9);
    const by = Object.fromEntries(r.scorecards.map((c) => [c.policy, c]));
    expect(by.oracle?.sloViolationSeconds).toBe(0);
    // 300 req/s at 29.97 req/s per machine within the SLO: 7 in ams + 4 in iad during the step.
    expect(Math.max(...r.series.ideal)).toBe(11);
    expect(by.web?.machineSeconds).toBeGreaterThan(0);
    expect(by.web?.underProvisionedShare).toBeLessThan(0.2);
  });
});
