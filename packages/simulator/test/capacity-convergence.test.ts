import { emptyCapacity, estimateCapacity, observeWindow } from '@governor/scaler';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MACHINE_MODEL, type MachineModel } from '../src/model/machine-model.js';
import { latencyLaw, lawQuantile, maxRpsWithin, RHO_CAP } from '../src/model/queue-latency.js';
import { seededRandom } from '../src/trace/synthetic/seeded-random.js';

const MODELS: Record<string, { model: MachineModel; slo: number }> = {
  'demo (2 slots x 50 ms, fixed service)': { model: DEFAULT_MACHINE_MODEL, slo: 250 },
  'roomier (20 slots x 200 ms, exponential)': {
    model: { ...DEFAULT_MACHINE_MODEL, concurrency: 20, serviceTime: 200, serviceVariability: 1 },
    slo: 1000,
  },
  'slow (1 slot x 20 ms, exponential)': {
    model: { ...DEFAULT_MACHINE_MODEL, concurrency: 1, serviceTime: 20, serviceVariability: 1 },
    slo: 200,
  },
};

/** Feeds `windows` windows at rates drawn from [lo, hi] x the true capacity; returns the estimate. */
function learn(
  model: MachineModel,
  slo: number,
  lo: number,
  hi: number,
  windows: number,
  seed: number,
  cpu: boolean,
) {
  const truth = maxRpsWithin(model, slo / 1000, 0.99);
  const mu = (model.concurrency * 1000) / model.serviceTime;
  const r = seededRandom(seed);
  let state = emptyCapacity();
  for (let i = 0; i < windows; i++) {
    const x = truth * (lo + (hi - lo) * r.next());
    // Beyond the throughput ceiling a backlog grows without bound: the window breaches.
    const ms =
      x >= mu * RHO_CAP ? Number.POSITIVE_INFINITY : lawQuantile(latencyLaw(model, x, 0), 0.99) * 1000;
    const reading = { perMachine: x, demand: x * 3, ready: 3, quantileMs: ms, ...(cpu && { cpu: x / mu }) };
    state = observeWindow(state, reading, slo, i * 5000);
  }
  return { truth, estimate: estimateCapacity(state.bins, state.windows, slo, 12) };
}

describe('capacity model', () => {
  for (const [name, { model, slo }] of Object.entries(MODELS)) {
    for (const cpu of [false, true]) {
      it(`converges within 5% of a ${name} machine from latency${cpu ? ' and CPU' : ' alone'}, held below the knee`, () => {
        for (let seed = 1; seed <= 20; seed++) {
          // Never beyond 90% of the true capacity: the SLO is never breached.
          const { truth, estimate } = learn(model, slo, 0.4, 0.9, 400, seed, cpu);
          expect(estimate?.calibrated).toBe(true);
          const err = Math.abs((estimate?.rps ?? 0) / truth - 1);
          expect(err, `seed ${seed}: ${estimate?.rps} vs ${truth}`).toBeLessThan(0.05);
        }
      });
    }
    it(`converges within 5% of a ${name} machine across the knee`, () => {
      for (let seed = 1; seed <= 20; seed++) {
        const { truth, estimate } = learn(model, slo, 0.3, 1.3, 400, seed, false);
        const err = Math.abs((estimate?.rps ?? 0) / truth - 1);
        expect(err, `seed ${seed}: ${estimate?.rps} vs ${truth}`).toBeLessThan(0.05);
      }
    });
  }

  it('is not calibrated before minWindows windows or with rates bunched together', () => {
    const few = learn(DEFAULT_MACHINE_MODEL, 250, 0.4, 0.9, 8, 1, false);
    expect(few.estimate?.calibrated).toBe(false);
    const bunched = learn(DEFAULT_MACHINE_MODEL, 250, 0.6, 0.7, 400, 1, false);
    expect(bunched.estimate?.calibrated).toBe(false);
    expect(bunched.estimate?.missing).toMatch(/spread/);
  });
});
