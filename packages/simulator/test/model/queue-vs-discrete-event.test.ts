import { describe, expect, it } from 'vitest';
import { DEFAULT_MACHINE_MODEL, latencyLaw, lawQuantile, machineCapacity } from '../../src/index.js';
import { prng } from '../helpers/synthetic-trace.js';

/**
 * P99 latency (or only the waiting time before service, with `waitOnly`) of a
 * FIFO queue with c servers and Poisson arrivals, by discrete-event simulation.
 */
function simulatedP99(
  c: number,
  serviceS: number,
  rps: number,
  exponential: boolean,
  waitOnly = false,
  n = 200_000,
): number {
  const rand = prng(12_345);
  const free = new Float64Array(c);
  const latency = new Float64Array(n);
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += -Math.log(1 - rand()) / rps;
    let k = 0;
    for (let j = 1; j < c; j++) if ((free[j] ?? 0) < (free[k] ?? 0)) k = j;
    const start = Math.max(t, free[k] ?? 0);
    const service = exponential ? -Math.log(1 - rand()) * serviceS : serviceS;
    free[k] = start + service;
    latency[i] = waitOnly ? start - t : start + service - t;
  }
  latency.sort();
  return latency[Math.floor(n * 0.99)] ?? 0;
}

describe('queueing model against a discrete-event simulation', () => {
  it('with a fixed service time (the demo app) its P99 is at most 15% above the simulated one, never below', () => {
    const model = DEFAULT_MACHINE_MODEL;
    for (const rho of [0.6, 0.7, 0.8, 0.9]) {
      const rps = rho * machineCapacity(model);
      const want = simulatedP99(model.concurrency, model.serviceTime / 1000, rps, false, false, 400_000);
      const got = lawQuantile(latencyLaw(model, rps, 0), 0.99);
      expect(got / want, `rho ${rho}: got ${got}, want ${want}`).toBeGreaterThanOrEqual(1);
      expect(got / want, `rho ${rho}: got ${got}, want ${want}`).toBeLessThan(1.15);
    }
  });

  it('with exponential service (cs2 = 1, M/M/c) its waiting time P99 is within 10% of the simulated one', () => {
    // The service part itself is modelled as fixed: only the wait depends on cs2.
    const model = { ...DEFAULT_MACHINE_MODEL, concurrency: 4, serviceVariability: 1 };
    for (const rho of [0.6, 0.75]) {
      const rps = rho * machineCapacity(model);
      const want = simulatedP99(model.concurrency, model.serviceTime / 1000, rps, true, true, 400_000);
      const got = lawQuantile(latencyLaw(model, rps, 0), 0.99) - model.serviceTime / 1000;
      expect(Math.abs(got / want - 1), `rho ${rho}: got ${got}, want ${want}`).toBeLessThan(0.1);
    }
  });
});
