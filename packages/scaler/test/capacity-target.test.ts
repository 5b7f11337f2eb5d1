import { describe, expect, it } from 'vitest';
import { type Decision, decide, emptyHistory, type History } from '../src/index.js';
import { appConfig } from './support/app-config.js';
import { buckets, machine, observe } from './support/machines.js';

const NOW = 1_700_000_000_000;
const SLO = 250;
/** Latency buckets (seconds): every 10 ms up to 500 ms, then coarser up to 3 s. */
const BOUNDS = [...Array.from({ length: 50 }, (_, i) => (i + 1) / 100), 0.75, 1, 2, 3];

/** A machine whose P99 is 40 + 2000 / (40 - rps) ms: the SLO holds up to 40 - 2000/210 = 30.476 rps. */
const TRUE_CAPACITY = 40 - 2000 / (SLO - 40);
function p99Of(rps: number): number {
  return rps >= 40 ? 3000 : Math.min(3000, 40 + 2000 / (40 - rps));
}

/** Machines each serving `perMachine` rps with the given P99 (all requests in the P99's bucket). */
function fleet(n: number, perMachine: number, cpu?: number) {
  const ms = p99Of(perMachine);
  const counts = BOUNDS.map((b, i): number =>
    ms / 1000 <= b && (i === 0 || ms / 1000 > (BOUNDS[i - 1] as number)) ? 100 : 0,
  );
  if (!counts.some((c) => c > 0)) counts[counts.length - 1] = 100;
  return Array.from({ length: n }, (_, i) =>
    machine(`m${i}`, {
      rps: perMachine,
      latency: buckets(BOUNDS, counts),
      ...(cpu === undefined ? {} : { cpu }),
    }),
  );
}

/** The same machines with every request in the 1 s bucket (a P99 of about 1 s, whatever the load). */
function slow(ms: ReturnType<typeof fleet>) {
  return ms.map((m) => ({
    ...m,
    metrics: {
      ...m.metrics,
      latency: buckets(
        BOUNDS,
        BOUNDS.map((b): number => (b === 1 ? 100 : 0)),
      ),
    },
  }));
}

const policy = appConfig({
  max: 30,
  targets: [{ type: 'latency', quantile: 'p99', slo: SLO, targetRatio: 0.8, scaling: 'capacity' }],
});

/** Runs `ticks` decisions on a fleet that starts what was decided at once, under a slow daily-like wave. */
function run(ticks: number): Decision[] {
  let history: History = emptyHistory();
  let n = 3;
  const out: Decision[] = [];
  for (let k = 0; k < ticks; k++) {
    const demand = 95 + 55 * Math.sin(k / 40);
    const d = decide(policy, observe(fleet(n, demand / n)), history, NOW + k * 5000);
    out.push(d);
    history = d.history;
    n = d.desired;
  }
  return out;
}

describe('latency target in capacity mode', () => {
  it('takes a bounded step on a breach while the capacity is not learned', () => {
    const d = decide(policy, observe(fleet(2, 39)), emptyHistory(), NOW);
    expect(d.proposals[0]?.proposed).toBe(4);
    expect(d.proposals[0]?.formula).toMatch(
      /capacity not learned yet \(1\/12 windows\) -> bounded step 2x 2 = 4/,
    );
    expect(d.steps.find((s) => s.stage === 'capacity')?.reason).toBe('CapacityLearning');
  });

  it("learns the machine's capacity from its own windows and plans demand plus headroom on it", () => {
    const ds = run(400);
    const last = ds[ds.length - 1] as Decision;
    const step = last.steps.find((s) => s.stage === 'capacity');
    expect(step?.reason).toBe('CapacityCalibrated');
    const learned = step?.numbers?.capacity ?? 0;
    expect(Math.abs(learned / TRUE_CAPACITY - 1), `learned ${learned}`).toBeLessThan(0.05);
    const p = last.proposals[0];
    expect(p?.formula).toMatch(
      /^capacity \d+(\.\d)? rps\/machine \(\d+ windows\), demand [\d.]+ rps \+-[\d.]+ rps over [\d.]+s/,
    );
    expect(p?.formula).toMatch(/start [\d.]+s \(measured\), headroom [\d.]+% -> \d+/);
    // Once learned, the fleet runs below the knee: no window of the last half breaches the SLO.
    for (const d of ds.slice(200)) {
      const perMachine = (95 + 55 * Math.sin((d.at - NOW) / 5000 / 40)) / d.current;
      expect(p99Of(perMachine), `at ${d.at - NOW}`).toBeLessThanOrEqual(SLO);
    }
  });

  it('keeps its state bounded and the same inputs give byte-identical decisions', () => {
    const a = run(600);
    const b = run(600);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const state = a[a.length - 1]?.history.capacity as { bins: unknown[]; demand: { at: number }[] };
    expect(state.bins.length).toBeLessThanOrEqual(48);
    const span = (state.demand.at(-1)?.at ?? 0) - (state.demand[0]?.at ?? 0);
    expect(span).toBeLessThanOrEqual(15 * 60_000);
  });

  it('does not mutate its inputs (decide stays pure)', () => {
    const ds = run(100);
    const history = (ds[ds.length - 1] as Decision).history;
    const obs = observe(fleet(4, 25));
    const before = JSON.stringify({ history, obs });
    const x = decide(policy, obs, history, NOW + 100 * 5000);
    const y = decide(policy, obs, history, NOW + 100 * 5000);
    expect(JSON.stringify({ history, obs })).toBe(before);
    expect(JSON.stringify(x)).toBe(JSON.stringify(y));
  });

  it('holds one more machine on a breach with every machine ready and half the capacity in use, whatever the model says', () => {
    const ds = run(300);
    const last = ds[ds.length - 1] as Decision;
    // The same demand on one machine more than the model planned, yet the P99 is 1 s (say, a slow dependency).
    const n = last.desired + 1;
    const demand = 95 + 55 * Math.sin(300 / 40);
    const d = decide(policy, observe(slow(fleet(n, demand / n))), last.history, NOW + 300 * 5000);
    expect(d.proposals[0]?.proposed, d.proposals[0]?.formula).toBe(n + 1);
    expect(d.proposals[0]?.formula).toContain(`breaches SLO 250ms with all ${n} ready -> ${n + 1}`);
  });

  it('adds no machine for a breach while the fleet serves under half its capacity (not load)', () => {
    const ds = run(300);
    const last = ds[ds.length - 1] as Decision;
    const demand = 95 + 55 * Math.sin(300 / 40);
    // Four times the machines the model planned: each serves about a fifth of its capacity.
    const n = 4 * last.desired;
    const d = decide(policy, observe(slow(fleet(n, demand / n))), last.history, NOW + 300 * 5000);
    const p = d.proposals[0];
    expect(p?.proposed, p?.formula).toBeLessThan(n);
    expect(p?.formula).toMatch(
      /p99 [\d.]+ms breaches SLO 250ms at [\d.]+% of capacity: not load, no machine added/,
    );
    // The same breach at the planned size still adds one.
    const m = last.desired;
    const e = decide(policy, observe(slow(fleet(m, demand / m))), last.history, NOW + 300 * 5000);
    expect(e.proposals[0]?.proposed, e.proposals[0]?.formula).toBe(m + 1);
  });

  it('goes down in one step after the load falls, not one machine per tick', () => {
    // Learn at a steady load (with a slow wave so the rates spread), then hold a high level.
    let history: History = emptyHistory();
    let n = 3;
    let t = 0;
    const tick = (demand: number): Decision => {
      const d = decide(policy, observe(fleet(n, demand / n)), history, NOW + t * 5000);
      history = d.history;
      n = d.desired;
      t++;
      return d;
    };
    for (let k = 0; k < 400; k++) tick(95 + 55 * Math.sin(k / 40));
    for (let k = 0; k < 120; k++) tick(200);
    const high = n;
    expect(high).toBeGreaterThanOrEqual(7);
    const after: Decision[] = [];
    for (let k = 0; k < 120; k++) after.push(tick(40));
    const counts = after.map((d) => d.desired);
    const changes = counts.filter((c, i) => c !== (i === 0 ? high : counts[i - 1]));
    expect(changes, counts.join(',')).toHaveLength(1);
    expect(counts[counts.length - 1]).toBeLessThanOrEqual(3);
    // It waited for the recommendations to settle, and said so.
    expect(after.some((d) => d.steps.some((s) => s.reason === 'ScaleDownSettling'))).toBe(true);
  });

  it('keeps the HPA-style release, one recommendation at a time, for ratio targets', () => {
    const ratio = appConfig({
      max: 30,
      targets: [{ type: 'latency', quantile: 'p99', slo: SLO, targetRatio: 0.8, scaling: 'ratio' }],
    });
    const d = decide(ratio, observe(fleet(6, 10)), emptyHistory(), NOW);
    expect(d.steps.some((s) => s.reason === 'ScaleDownSettling')).toBe(false);
  });

  it('sizes the warm pool from the largest rise within a boot time', () => {
    const ds = run(300);
    const last = ds[ds.length - 1] as Decision;
    expect(last.warmPool).toBeGreaterThanOrEqual(1);
    const off = { ...policy, capacity: { ...policy.capacity, fastStarts: false } };
    const d = decide(off, observe(fleet(4, 25)), last.history, NOW + 300 * 5000);
    expect(d.warmPool).toBe(0);
  });
});
