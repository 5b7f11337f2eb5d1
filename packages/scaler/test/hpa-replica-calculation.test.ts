/**
 * HPA-compatible replica calculation, table-driven from the cases Kubernetes'
 * replica calculator documents and tests (pkg/controller/podautoscaler):
 * cpu levels are millicores of a 1-core request, so 300 -> cpu 0.3.
 */
import { describe, expect, it } from 'vitest';
import { decide, emptyHistory, type MachineObservation } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { cpuMachines, machine, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;

interface Case {
  name: string;
  /** Millicores per machine (undefined = missing metric). */
  levels: (number | undefined)[];
  ready?: boolean[];
  targetPercent: number;
  want: number;
  wantUtilization?: number;
}

const cpuCases: Case[] = [
  {
    name: 'scale up: 300/500/700m at 30% -> 50% -> 5',
    levels: [300, 500, 700],
    targetPercent: 30,
    want: 5,
    wantUtilization: 50,
  },
  {
    name: 'unready machine counted at 0 on scale-up (less scale) -> 4',
    levels: [300, 500, 700],
    ready: [false, true, true],
    targetPercent: 30,
    want: 4,
    wantUtilization: 60,
  },
  {
    name: 'unready machines would flip the direction -> keep 3',
    levels: [400, 500, 700],
    ready: [true, false, false],
    targetPercent: 30,
    want: 3,
    wantUtilization: 40,
  },
  {
    name: 'scale down: 100/300/500/250/250m at 50% -> 28% -> 3',
    levels: [100, 300, 500, 250, 250],
    targetPercent: 50,
    want: 3,
    wantUtilization: 28,
  },
  {
    name: 'scale down ignores unready machines (no rebalance down) -> 2',
    levels: [100, 300, 500, 250, 250],
    ready: [true, true, true, false, false],
    targetPercent: 50,
    want: 2,
    wantUtilization: 30,
  },
  {
    name: 'missing metrics count at 100% on scale-down -> 3',
    levels: [400, 95, undefined, undefined],
    targetPercent: 100,
    want: 3,
    wantUtilization: 24,
  },
  {
    name: 'missing metrics, ratio exactly 1 -> keep 2',
    levels: [1000, undefined],
    targetPercent: 100,
    want: 2,
    wantUtilization: 100,
  },
  {
    name: 'missing metrics at 0 on scale-up -> within tolerance, keep 2',
    levels: [1900, undefined],
    targetPercent: 100,
    want: 2,
    wantUtilization: 190,
  },
  {
    name: 'missing metrics on scale-down -> ceil(0.8 x 2) = 2',
    levels: [600, undefined],
    targetPercent: 100,
    want: 2,
    wantUtilization: 60,
  },
  {
    name: 'missing + unready flips the direction -> keep 3',
    levels: [100, 450, undefined],
    ready: [false, true, true],
    targetPercent: 50,
    want: 3,
    wantUtilization: 45,
  },
  {
    name: 'missing + unready at 0 on scale-up -> 4',
    levels: [100, 2000, undefined],
    ready: [false, true, true],
    targetPercent: 50,
    want: 4,
    wantUtilization: 200,
  },
  {
    name: 'missing at 100% on scale-down with an unready machine -> 3',
    levels: [100, 100, 100, undefined],
    ready: [false, true, true, true],
    targetPercent: 50,
    want: 3,
    wantUtilization: 10,
  },
  {
    name: 'missing metrics on scale-down count at max(100%, target) of the request (target 150%) -> keep 2',
    levels: [300, undefined],
    targetPercent: 150,
    want: 2,
    wantUtilization: 30,
  },
  {
    name: 'integer percent: 455m at 50% is 45% (ratio 0.9, within tolerance)',
    levels: [455, 455],
    targetPercent: 50,
    want: 2,
    wantUtilization: 45,
  },
  {
    name: 'integer percent: 290m x 10 at 40% is 29%, ceil(0.725 x 10) = 8',
    levels: Array(10).fill(290),
    targetPercent: 40,
    want: 8,
    wantUtilization: 29,
  },
];

function machinesOf(c: Case): MachineObservation[] {
  return c.levels.map((l, i) =>
    machine(`m${i}`, l === undefined ? {} : { cpu: l / 1000 }, { ready: c.ready?.[i] ?? true }),
  );
}

describe('HPA-compatible cpu replica calculation (hpaCompatible: true)', () => {
  for (const c of cpuCases) {
    it(c.name, () => {
      const policy = appConfig({
        hpaCompatible: true,
        min: 1,
        max: 100,
        targets: [{ type: 'cpu', utilization: c.targetPercent / 100 }],
        // Unlimited rates and no stabilization: the proposal itself is under test.
        behavior: { scaleUp: { policies: [] }, scaleDown: { policies: [], stabilizationWindow: 0 } },
      });
      const d = decide(policy, observe(machinesOf(c)), emptyHistory(), NOW);
      const p = d.proposals[0];
      expect(p?.proposed, `got ${p?.proposed} want ${c.want}: ${p?.formula}`).toBe(c.want);
      if (c.wantUtilization !== undefined) {
        const got = Math.round((p?.current ?? Number.NaN) * 100);
        expect(got, `utilization got ${got}% want ${c.wantUtilization}%`).toBe(c.wantUtilization);
      }
      expect(d.desired, `desired got ${d.desired} want ${c.want}`).toBe(c.want);
    });
  }
});

interface PlainCase {
  name: string;
  levels: number[];
  ready?: boolean[];
  target: number;
  want: number;
}

const plainCases: PlainCase[] = [
  { name: 'pod metric up: 20/10/30 vs 15 -> avg 20 -> 4', levels: [20, 10, 30], target: 15, want: 4 },
  {
    name: 'pod metric: unready machines still count (HPA: CPU only) -> 6',
    levels: [50, 10, 30],
    ready: [true, true, false],
    target: 15,
    want: 6,
  },
  {
    name: 'pod metric: integer milli average 31.666 -> 7',
    levels: [50, 15, 30],
    ready: [false, true, false],
    target: 15,
    want: 7,
  },
  { name: 'pod metric down: 12 x 5 vs 20 -> 3', levels: [12, 12, 12, 12, 12], target: 20, want: 3 },
  {
    name: 'pod metric within tolerance: 20/21/21 vs 20 -> keep 3',
    levels: [20, 21, 21],
    target: 20,
    want: 3,
  },
];

describe('HPA-compatible per-machine value targets (rps / custom as HPA Pods metrics)', () => {
  for (const c of plainCases) {
    it(c.name, () => {
      const policy = appConfig({
        hpaCompatible: true,
        max: 100,
        targets: [{ type: 'custom', metric: 'qps', value: c.target }],
        behavior: { scaleUp: { policies: [] }, scaleDown: { policies: [], stabilizationWindow: 0 } },
      });
      const ms = c.levels.map((v, i) =>
        machine(`m${i}`, { custom: { qps: v } }, { ready: c.ready?.[i] ?? true }),
      );
      const d = decide(policy, observe(ms), emptyHistory(), NOW);
      expect(
        d.proposals[0]?.proposed,
        `got ${d.proposals[0]?.proposed} want ${c.want}: ${d.proposals[0]?.formula}`,
      ).toBe(c.want);
    });
  }
});

describe('default (float) mode', () => {
  it('drops every metric of a machine that is not ready, not only cpu', () => {
    const policy = appConfig({
      max: 100,
      targets: [{ type: 'rps', perMachine: 15 }],
      behavior: { scaleUp: { policies: [] } },
    });
    const ms = [50, 10, 30].map((v, i) => machine(`m${i}`, { rps: v }, { ready: i !== 2 }));
    // Ready: 50 + 10 -> avg 30 -> ratio 2; the unready machine counts at 0 on scale-up:
    // 60 / 3 = 20 -> ratio 1.33 -> ceil(1.33 x 3) = 4.
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.proposals[0]?.proposed, d.proposals[0]?.formula).toBe(4);
  });

  it('counts missing machines at the target on scale-down (100% of target)', () => {
    const policy = appConfig({
      max: 100,
      targets: [{ type: 'cpu', utilization: 0.5 }],
      behavior: { scaleDown: { policies: [], stabilizationWindow: 0 } },
    });
    // 0.1, 0.1 -> ratio 0.2; missing at 0.5 -> mean 0.2333 -> ratio 0.4667 -> ceil(0.4667 x 3) = 2.
    const ms = [machine('a', { cpu: 0.1 }), machine('b', { cpu: 0.1 }), machine('c', {})];
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.proposals[0]?.proposed, d.proposals[0]?.formula).toBe(2);
    expect(d.proposals[0]?.missingCount).toBe(1);
  });

  it('takes the largest proposal across metrics', () => {
    const policy = appConfig({
      max: 100,
      targets: [
        { type: 'cpu', utilization: 0.5 },
        { type: 'rps', perMachine: 10 },
      ],
      behavior: { scaleUp: { policies: [] } },
    });
    const ms = [machine('a', { cpu: 0.6, rps: 40 }), machine('b', { cpu: 0.6, rps: 40 })];
    // cpu: ratio 1.2 -> ceil(2.4) = 3; rps: 40/10 = 4 -> ceil(8) = 8.
    const d = decide(policy, observe(ms), emptyHistory(), NOW);
    expect(d.proposals.map((p) => p.proposed)).toEqual([3, 8]);
    expect(d.desired).toBe(8);
  });

  it('reads a product a rounding error above an integer as that integer', () => {
    const policy = appConfig({
      max: 100,
      targets: [{ type: 'cpu', utilization: 0.36 }],
      behavior: { scaleUp: { policies: [] } },
    });
    // 0.54 / 0.36 is 1.5000000000000002 in doubles; x 6 machines is exactly 9 machines' worth.
    const d = decide(policy, observe(cpuMachines(Array(6).fill(0.54))), emptyHistory(), NOW);
    expect(d.proposals[0]?.proposed, d.proposals[0]?.formula).toBe(9);
  });

  it('uses separate tolerances up and down', () => {
    const policy = appConfig({
      max: 100,
      targets: [{ type: 'cpu', utilization: 0.5 }],
      behavior: { scaleUp: { tolerance: 0.3 }, scaleDown: { tolerance: 0.05, stabilizationWindow: 0 } },
    });
    const up = decide(
      policy,
      observe([machine('a', { cpu: 0.6 }), machine('b', { cpu: 0.6 })]),
      emptyHistory(),
      NOW,
    );
    expect(up.proposals[0]?.note, 'ratio 1.2 is within +30%').toBe('within-tolerance');
    const down = decide(
      policy,
      observe([machine('a', { cpu: 0.45 }), machine('b', { cpu: 0.45 })]),
      emptyHistory(),
      NOW,
    );
    expect(down.proposals[0]?.note, 'ratio 0.9 is outside -5%').toBeUndefined();
    expect(down.proposals[0]?.proposed).toBe(2); // ceil(0.9 x 2) = 2
  });
});
