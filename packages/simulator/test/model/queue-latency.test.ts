import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MACHINE_MODEL,
  erlangC,
  latencyLaw,
  lawExceedance,
  lawQuantile,
  machineCapacity,
  maxRpsWithin,
  stepQueue,
} from '../../src/index.js';

const model = { ...DEFAULT_MACHINE_MODEL, serviceVariability: 1 };

describe('queueing latency model', () => {
  it('Erlang C equals the utilisation for one server and falls with more servers at the same utilisation', () => {
    expect(erlangC(1, 0.6)).toBeCloseTo(0.6, 12);
    expect(erlangC(4, 0.6)).toBeLessThan(erlangC(2, 0.6));
    // Textbook value: c = 2, a = 1 (rho 0.5) -> C = 1/3.
    expect(erlangC(2, 0.5)).toBeCloseTo(1 / 3, 12);
  });

  it('latency quantiles start at the service time and grow with utilisation', () => {
    const mu = machineCapacity(model);
    const idle = latencyLaw(model, 0, 0);
    expect(lawQuantile(idle, 0.99)).toBeCloseTo(model.serviceTime / 1000, 9);
    let last = 0;
    for (const rho of [0.2, 0.5, 0.8, 0.95]) {
      const law = latencyLaw(model, rho * mu, 0);
      const p50 = lawQuantile(law, 0.5);
      const p99 = lawQuantile(law, 0.99);
      expect(p99).toBeGreaterThan(last);
      expect(p99).toBeGreaterThanOrEqual(p50);
      last = p99;
    }
  });

  it('the quantile and the exceedance agree', () => {
    const law = latencyLaw(model, 0.8 * machineCapacity(model), 0);
    const p99 = lawQuantile(law, 0.99);
    expect(lawExceedance(law, p99)).toBeCloseTo(0.01, 9);
  });

  it('maxRpsWithin finds the rate whose P99 is the SLO', () => {
    const r = maxRpsWithin(model, 0.25, 0.99);
    expect(lawQuantile(latencyLaw(model, r, 0), 0.99)).toBeCloseTo(0.25, 6);
    expect(maxRpsWithin(model, 0.04, 0.99)).toBe(0);
  });

  it('builds a backlog under overload, fails what does not fit the queue, and drains afterwards', () => {
    const mu = machineCapacity(model);
    let backlog = 0;
    let failed = 0;
    for (let i = 0; i < 10; i++) {
      const q = stepQueue(model, backlog, 2 * mu * 2, 2, 5);
      backlog = q.backlog;
      failed += q.failed;
      expect(q.cpu).toBe(1);
    }
    expect(backlog).toBe(model.queueLimit);
    expect(failed).toBeGreaterThan(0);
    const drain = stepQueue(model, backlog, 0.5 * mu * 2, 2, 5);
    expect(drain.backlog).toBeLessThan(backlog);
    expect(drain.failed).toBe(0);
  });

  it('fails every request when no machine is ready', () => {
    const q = stepQueue(model, 0, 100, 0, 5);
    expect(q.failed).toBe(500);
    expect(q.law).toBeUndefined();
  });
});
